/* Links libm so that gdb can dump its tables and disassemble its FMA variants (see README.md). */
#include <math.h>
#include <stdio.h>
int main (int argc, char **argv)
{
  volatile double x = argc;
  printf ("%g\n", exp (x) + log (x) + pow (x, x) + cos (x) + sin (x) + expf (x) + logf (x) + powf (x, x));
  return 0;
}
