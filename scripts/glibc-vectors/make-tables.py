#!/usr/bin/env python3
"""Turns the `x/Ngx` dump of libm's data tables (tables.gdb) into src/engine/math/tables.ts.

The tables are data, transcribed bit for bit from the installed libm (Debian glibc 2.36), so
that the TypeScript port uses exactly the constants the machine code reads.
Usage: gdb -batch -x tables.gdb ./probe > dump.txt && python3 make-tables.py dump.txt > ../../src/engine/math/tables.ts
"""
import re, sys
cur = None
d = {}
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith('@'):
        cur = line[1:]; d[cur] = []; continue
    if cur and line.startswith('0x') and ':' in line:
        d[cur] += re.findall(r'0x[0-9a-f]{16}', line.split(':', 1)[1])
out = ['/**',
       ' * Data tables of glibc 2.36 libm (Debian bookworm, x86-64), transcribed bit for bit from the',
       ' * installed library by scripts/glibc-vectors/make-tables.py (gdb `x/gx` dumps of the named',
       ' * structures). Generated: do not edit. Each entry is the 64-bit pattern of a double',
       ' * (or, for the exp tables, a uint64 used as such) as hex.',
       ' */', '']
for k, v in d.items():
    name = k.replace('__', '').replace('.', '_')
    out.append(f'/** `{k}` ({len(v)} words) */')
    out.append(f'export const {name}: readonly string[] = [')
    for i in range(0, len(v), 4):
        out.append('  ' + ', '.join(f"'{w[2:]}'" for w in v[i:i+4]) + ',')
    out.append('];')
    out.append('')
print('\n'.join(out))
