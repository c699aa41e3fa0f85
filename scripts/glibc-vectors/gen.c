/*
 * Reference vectors for src/engine/math: calls glibc's libm directly.
 *
 *   gcc -O1 -ffp-contract=off -o /tmp/glibc-gen gen.c -lm
 *   /tmp/glibc-gen OUTDIR [COUNT [SEED]]     (SEED defaults to the committed 20260101)
 *
 * For each function F it writes OUTDIR/F.args (the arguments, little-endian) and OUTDIR/F.res
 * (the results: 8 bytes per double, 4 per float, every NaN written as the default quiet NaN),
 * and OUTDIR/explicit.txt (hand-picked edge cases with their exact result bits).
 * The arguments come from a xoshiro128** stream that test/engine/math/vectors.ts reproduces
 * exactly (same seed, same draws, same IEEE double operations), so only the seed and hashes
 * of the results need committing. -ffp-contract=off keeps the argument arithmetic unfused.
 * The default dispatch picks the FMA variants on an FMA+AVX2 CPU; run with
 * GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA,-AVX to get the generic build for comparison.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG: xoshiro128**, seeded through a splitmix32-style mixer ---- */
static uint32_t s[4];
static uint32_t rotl (uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t next (void)
{
  uint32_t result = rotl (s[1] * 5, 7) * 9;
  uint32_t t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
  s[2] ^= t; s[3] = rotl (s[3], 11);
  return result;
}
static void seed (uint32_t sd)
{
  for (int i = 0; i < 4; i++)
    {
      uint32_t z = sd + (uint32_t) (i + 1) * 0x9e3779b9u;
      z = (z ^ (z >> 16)) * 0x85ebca6bu;
      z = (z ^ (z >> 13)) * 0xc2b2ae35u;
      s[i] = z ^ (z >> 16);
    }
}

static double from_words (uint32_t hi, uint32_t lo)
{
  uint64_t b = ((uint64_t) hi << 32) | lo; double d; memcpy (&d, &b, 8); return d;
}
static uint64_t bits (double d) { uint64_t b; memcpy (&b, &d, 8); return b; }
static float from_bits32 (uint32_t b) { float f; memcpy (&f, &b, 4); return f; }
static uint32_t bits32 (float f) { uint32_t b; memcpy (&b, &f, 4); return b; }

static double pow2 (int k) { return ldexp (1.0, k); } /* exact, normal range only */

/* uniform in [0,1) with 53 random bits */
static double u53 (void)
{
  uint32_t a = next () >> 5, b = next () >> 6;
  return ((double) a * 67108864.0 + (double) b) * (1.0 / 9007199254740992.0);
}
static double uniform (double lo, double hi) { return lo + (hi - lo) * u53 (); }
/* random double with unbiased exponent uniform in [emin, emax] (subnormal below -1022) */
static double log_uniform (int emin, int emax)
{
  int e = emin + (int) (next () % (uint32_t) (emax - emin + 1));
  uint32_t hi = next () & 0xfffff, lo = next ();
  if (e >= -1022)
    return from_words (((uint32_t) (e + 1023) << 20) | hi, lo);
  /* subnormal: a random significand scaled into [2^e, 2^(e+1)) */
  double m = from_words (0x3ff00000u | hi, lo); /* [1,2) */
  return m * 0x1p-600 * pow2 (e + 600); /* e+600 >= -474: one rounding, in the product */
}
static double sign (double x) { return (next () & 1) ? -x : x; }
static double rand_bits (void) { uint32_t hi = next (); return from_words (hi, next ()); }
static double rand_finite (void)
{
  for (;;) { double d = rand_bits (); if (isfinite (d)) return d; }
}
static float f32 (double x) { return (float) x; }
/* step / decay_steps: an integer step over a positive integer (draws sequenced explicitly) */
static double ratio (void)
{
  uint32_t st = next () % 1000001u;
  uint32_t d = 1u + next () % 100000u;
  return (double) st / (double) d;
}
/* an odd integer of 27 bits times 2^[-30, 30], random sign */
static double short_sig (void)
{
  uint32_t m = next () >> 5 | 1;
  int e = (int) (next () % 61) - 30;
  return sign ((double) m * pow2 (e));
}

#define PI10 31.41592653589793

/* ---- argument families, one per index modulo the family count ---- */
static double arg_exp (uint32_t i)
{
  switch (i % 9)
    {
    case 0: return uniform (-745.5, 710.0);
    case 1: return sign (log_uniform (-60, 9));
    case 2: return uniform (-20.0, 20.0);
    case 3: return uniform (-1.0, 1.0);
    case 4: return uniform (-745.2, -700.0);
    case 5: return uniform (700.0, 709.8);
    case 6: return rand_bits ();
    case 7: return sign (log_uniform (-34, 20));
    default: return -uniform (0.0, 50.0);
    }
}
static double arg_log (uint32_t i)
{
  switch (i % 8)
    {
    case 0: return log_uniform (-34, 20);
    case 1: return uniform (1e-10, 1e6);
    case 2: return uniform (0.9, 1.1);
    case 3: return log_uniform (-1074, 1023);
    case 4: return rand_bits ();
    case 5: return 1.0 - log_uniform (-53, -1);
    case 6: return uniform (0.0, 2.0);
    default: return 1.0 + log_uniform (-53, -4);
    }
}
static void arg_pow (uint32_t i, double *x, double *y)
{
  switch (i % 11)
    {
    case 0: *x = uniform (0.5, 0.999); *y = uniform (0.0, 1e6); return;
    case 1: *x = uniform (0.0, 2.0); *y = (double) (next () % 1000001u); return;
    case 2: *x = uniform (0.0, 2.0); *y = ratio (); return;
    case 3: *x = 1.0 - log_uniform (-40, -1); *y = uniform (0.0, 1e6); return;
    case 4: *x = uniform (0.5, 0.999); *y = ratio (); return;
    case 5: *x = rand_bits (); *y = rand_bits (); return;
    case 6: *x = -uniform (0.0, 2.0); *y = (double) ((int32_t) (next () % 2001u) - 1000); return;
    case 7: *x = log_uniform (-1074, 1023); *y = sign (log_uniform (-70, 70)); return;
    case 8: *x = uniform (0.0, 2.0); *y = -uniform (0.0, 1e6); return;
    case 9: *x = 1.0 + sign (log_uniform (-60, -1)); *y = sign (log_uniform (0, 64)); return;
    default: *x = uniform (0.9, 1.0); *y = uniform (0.0, 100.0); return;
    }
}
static double arg_trig (uint32_t i)
{
  switch (i % 8)
    {
    case 0: return uniform (0.0, PI10);
    case 1: return uniform (0.0, 1e6);
    case 2: return sign (log_uniform (-30, 30));
    case 3: return rand_finite ();
    case 4: return uniform (-PI10, 0.0);
    case 5: return sign (log_uniform (-1074, 1023));
    case 6: return uniform (0.0, 2.5);
    default: return rand_bits ();
    }
}
static float arg_expf (uint32_t i)
{
  switch (i % 6)
    {
    case 0: return f32 (uniform (-104.0, 89.0));
    case 1: return f32 (sign (log_uniform (-40, 7)));
    case 2: return from_bits32 (next ());
    case 3: return f32 (uniform (-1.0, 1.0));
    case 4: return f32 (uniform (-104.0, -87.0));
    default: return f32 (-uniform (0.0, 50.0));
    }
}
static float arg_logf (uint32_t i)
{
  switch (i % 6)
    {
    case 0: return f32 (log_uniform (-34, 20));
    case 1: return f32 (uniform (1e-10, 1e6));
    case 2: return f32 (uniform (0.9, 1.1));
    case 3: return from_bits32 (next ());
    case 4: return f32 (log_uniform (-149, 127));
    default: return f32 (uniform (0.0, 2.0));
    }
}
static void arg_powf (uint32_t i, float *x, float *y)
{
  switch (i % 9)
    {
    case 0: *x = f32 (uniform (0.5, 0.999)); *y = f32 (uniform (0.0, 1e6)); return;
    case 1: *x = f32 (uniform (0.0, 2.0)); *y = (float) (next () % 1000001u); return;
    case 2: *x = f32 (uniform (0.0, 2.0)); *y = f32 (ratio ()); return;
    case 3: *x = f32 (1.0 - log_uniform (-24, -1)); *y = f32 (uniform (0.0, 1e6)); return;
    case 4: *x = from_bits32 (next ()); *y = from_bits32 (next ()); return;
    case 5: *x = f32 (-uniform (0.0, 2.0)); *y = (float) ((int32_t) (next () % 2001u) - 1000); return;
    case 6: *x = f32 (log_uniform (-149, 127)); *y = f32 (sign (log_uniform (-30, 30))); return;
    case 7: *x = f32 (uniform (0.5, 0.999)); *y = f32 (ratio ()); return;
    default: *x = f32 (uniform (0.0, 2.0)); *y = f32 (-uniform (0.0, 1000.0)); return;
    }
}
/* an integer of n+1 bits (leading 1) over 2^n, random sign: in [1, 2) with n fraction bits */
static double frac_bits (int n)
{
  uint32_t m = (next () % (1u << n)) + (1u << n);
  return sign ((double) m * pow2 (-n));
}

static void arg_fma (uint32_t i, double *a, double *b, double *c)
{
  switch (i % 9)
    {
    case 8:
      { /* 41..61-bit exact products plus a small multiple of a power of two far below their
	   last bit: sums on or next to rounding midpoints, with inexact low parts */
	int na = 20 + (int) (next () % 11);
	*a = frac_bits (na);
	int nb = 20 + (int) (next () % 11);
	*b = frac_bits (nb);
	int e = ilogb (*a * *b) - 52 - ((int) (next () % 70) - 10);
	double m = (double) (next () % 4);
	*c = sign (m * pow2 (e)); return;
      }
    case 0: *a = rand_bits (); *b = rand_bits (); *c = rand_bits (); return;
    case 1: *a = sign (log_uniform (-100, 100)); *b = sign (log_uniform (-100, 100));
      *c = sign (log_uniform (-100, 100)); return;
    case 2: *a = sign (log_uniform (-500, 500)); *b = sign (log_uniform (-500, 500));
      *c = -(*a * *b) * (1.0 + (u53 () - 0.5) * 0x1p-40); return;
    case 3:
      { /* short significands: exact 54-bit products, ties broken (or not) by c */
	*a = short_sig ();
	*b = short_sig ();
	double p = *a * *b;
	int e = ilogb (p) - 53 - (int) (next () % 12);
	double unit = sign (pow2 (e));
	uint32_t k = next ();
	*c = unit * (double) ((k & 3) == 0 ? 0 : (k >> 2) % 8); return;
      }
    case 4: *a = sign (log_uniform (-540, -480)); *b = sign (log_uniform (-540, -480));
      *c = sign (log_uniform (-1074, -1000)); return;
    case 5: *a = sign (log_uniform (500, 520)); *b = sign (log_uniform (500, 520));
      *c = sign (log_uniform (1000, 1023)); return;
    case 6: *a = sign (log_uniform (-30, 30)); *b = sign (log_uniform (-30, 30));
      *c = -(*a * *b); return;
    default: *a = sign (log_uniform (-1074, 1023)); *b = sign (log_uniform (-1074, 1023));
      *c = sign (log_uniform (-1074, 1023)); return;
    }
}

/* ---- output ---- */
static uint64_t canon (double d) { return isnan (d) ? 0x7ff8000000000000ull : bits (d); }
static uint32_t canon32 (float f) { return isnan (f) ? 0x7fc00000u : bits32 (f); }

static FILE *open_out (const char *dir, const char *name, const char *ext)
{
  char path[4096];
  snprintf (path, sizeof path, "%s/%s.%s", dir, name, ext);
  FILE *f = fopen (path, "wb");
  if (!f) { perror (path); exit (1); }
  return f;
}

static uint32_t SEED_BASE = 20260101u;

static void run_d1 (const char *dir, const char *name, uint32_t sd, uint32_t n,
		    double (*arg) (uint32_t), double (*fn) (double))
{
  FILE *fa = open_out (dir, name, "args"), *fr = open_out (dir, name, "res");
  seed (sd);
  for (uint32_t i = 0; i < n; i++)
    {
      double x = arg (i);
      uint64_t bx = bits (x), br = canon (fn (x));
      fwrite (&bx, 8, 1, fa); fwrite (&br, 8, 1, fr);
    }
  fclose (fa); fclose (fr);
}

static void run_f1 (const char *dir, const char *name, uint32_t sd, uint32_t n,
		    float (*arg) (uint32_t), float (*fn) (float))
{
  FILE *fa = open_out (dir, name, "args"), *fr = open_out (dir, name, "res");
  seed (sd);
  for (uint32_t i = 0; i < n; i++)
    {
      float x = arg (i);
      uint32_t bx = bits32 (x), br = canon32 (fn (x));
      fwrite (&bx, 4, 1, fa); fwrite (&br, 4, 1, fr);
    }
  fclose (fa); fclose (fr);
}

/* volatile function pointers: no constant folding, the libm entry point is really called */
static double (*volatile p_exp) (double) = exp;
static double (*volatile p_log) (double) = log;
static double (*volatile p_cos) (double) = cos;
static double (*volatile p_sin) (double) = sin;
static double (*volatile p_pow) (double, double) = pow;
static float (*volatile p_expf) (float) = expf;
static float (*volatile p_logf) (float) = logf;
static float (*volatile p_powf) (float, float) = powf;
static double (*volatile p_fma) (double, double, double) = fma;
static double c_exp (double x) { return p_exp (x); }
static double c_log (double x) { return p_log (x); }
static double c_cos (double x) { return p_cos (x); }
static double c_sin (double x) { return p_sin (x); }
static float c_expf (float x) { return p_expf (x); }
static float c_logf (float x) { return p_logf (x); }

/* ---- explicit, readable edge cases ---- */
static FILE *fx;
static void ex_d1 (const char *name, double (*fn) (double), double x)
{
  fprintf (fx, "%s %016llx %016llx\n", name, (unsigned long long) bits (x),
	   (unsigned long long) canon (fn (x)));
}
static void ex_d2 (const char *name, double x, double y)
{
  fprintf (fx, "%s %016llx %016llx %016llx\n", name, (unsigned long long) bits (x),
	   (unsigned long long) bits (y), (unsigned long long) canon (p_pow (x, y)));
}
static void ex_f1 (const char *name, float (*fn) (float), float x)
{
  fprintf (fx, "%s %08x %08x\n", name, bits32 (x), canon32 (fn (x)));
}
static void ex_f2 (const char *name, float x, float y)
{
  fprintf (fx, "%s %08x %08x %08x\n", name, bits32 (x), bits32 (y), canon32 (p_powf (x, y)));
}
static void ex_fma (double a, double b, double c)
{
  fprintf (fx, "fma %016llx %016llx %016llx %016llx\n", (unsigned long long) bits (a),
	   (unsigned long long) bits (b), (unsigned long long) bits (c),
	   (unsigned long long) canon (p_fma (a, b, c)));
}

static const double specials[] = {
  0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 0.1, 1e-10, 1e6, 1e-300, 1e300,
  0x1p-1022, 0x1p-1074, -0x1p-1074, 0x1.fffffffffffffp-1023, 0x1.fffffffffffffp1023,
  -0x1.fffffffffffffp1023, INFINITY, -INFINITY, NAN, 0x1p-54, 0x1p-27, 0x1p-26, 0x1p-60,
  709.782712893384, 709.7827128933841, -708.3964185322641, -745.1332191019411,
  -745.1332191019412, -745.2, 512.0, 1024.0, -1024.0, 0.855469, 2.426265, 105414350.0,
  105414351.0, 1.5707963267948966, 3.141592653589793, 6.283185307179586, 31.41592653589793,
  1e22, 0x1p1023, 0.9375, 1.0625, 1.0 + 0x1.09p-4, 1.0 - 0x1p-4, 0.999, 0.96, 0.5,
};

static void explicit_cases (const char *dir)
{
  fx = open_out (dir, "explicit", "txt");
  fprintf (fx, "# function, argument bits (hex), result bits (hex); NaN results as 7ff8000000000000 / 7fc00000\n");
  size_t ns = sizeof specials / sizeof specials[0];
  for (size_t i = 0; i < ns; i++)
    {
      double x = specials[i];
      ex_d1 ("exp", c_exp, x); ex_d1 ("exp", c_exp, -x);
      ex_d1 ("log", c_log, x);
      ex_d1 ("cos", c_cos, x); ex_d1 ("cos", c_cos, -x);
      ex_d1 ("sin", c_sin, x); ex_d1 ("sin", c_sin, -x);
      ex_f1 ("expf", c_expf, (float) x); ex_f1 ("expf", c_expf, (float) -x);
      ex_f1 ("logf", c_logf, (float) x);
      for (size_t j = 0; j < ns; j++)
	{
	  ex_d2 ("pow", x, specials[j]); ex_d2 ("pow", -x, specials[j]);
	  ex_f2 ("powf", (float) x, (float) specials[j]); ex_f2 ("powf", (float) -x, (float) specials[j]);
	}
    }
  /* schedule-shaped pow: decay_rate ** (step / decay_steps) */
  static const double rates[] = { 0.5, 0.9, 0.94, 0.96, 0.99, 0.995, 0.999, 0.1 };
  for (int r = 0; r < 8; r++)
    for (int st = 0; st <= 100000; st += 997)
      {
	ex_d2 ("pow", rates[r], st / 1000.0);
	ex_f2 ("powf", (float) rates[r], (float) (st / 1000.0));
      }
  /* cosine decay arguments: pi * step / decay_steps */
  for (int st = 0; st <= 1000; st += 7)
    {
      ex_d1 ("cos", c_cos, 3.141592653589793 * (st / 1000.0));
      ex_d1 ("sin", c_sin, 3.141592653589793 * (st / 1000.0));
    }
  /* integers, and multiples of pi/2 (hard range reductions) */
  for (int k = 1; k <= 64; k++)
    {
      ex_d1 ("cos", c_cos, k * 1.5707963267948966); ex_d1 ("sin", c_sin, k * 1.5707963267948966);
      ex_d1 ("cos", c_cos, ldexp (1.0, k * 16 - 40)); ex_d1 ("sin", c_sin, ldexp (1.0, k * 16 - 40));
      ex_d1 ("exp", c_exp, -k * 11.7); ex_d1 ("log", c_log, ldexp (1.0, k * 32 - 1074));
      ex_f1 ("logf", c_logf, ldexpf (1.0f, k * 4 - 149)); ex_f1 ("expf", c_expf, -k * 1.63f);
    }
  /* arguments whose reduction lands (nearly) on a half-integer: the fused shift addition
     (round(x*N/ln2), round(x*2/pi)) may round differently from the unfused one there */
  for (int k = -60; k <= 60; k++)
    {
      double xe = (k + 0.5) * (0.6931471805599453 / 128);
      double xt = (k + 0.5) * 1.5707963267948966;
      float xf = (float) ((k + 0.5) * (0.6931471805599453 / 32));
      for (int j = -2; j <= 2; j++)
	{
	  double de = xe, dt = xt; float df = xf;
	  for (int q = 0; q < (j < 0 ? -j : j); q++)
	    {
	      de = nextafter (de, j < 0 ? -INFINITY : INFINITY);
	      dt = nextafter (dt, j < 0 ? -INFINITY : INFINITY);
	      df = nextafterf (df, j < 0 ? -INFINITY : INFINITY);
	    }
	  ex_d1 ("exp", c_exp, de); ex_d1 ("cos", c_cos, dt); ex_d1 ("sin", c_sin, dt);
	  ex_f1 ("expf", c_expf, df);
	  ex_d2 ("pow", 2.0, de * 1.4426950408889634); ex_d2 ("pow", 0.5, de * 1.4426950408889634);
	}
    }
  ex_d1 ("sin", c_sin, 6381956970095103.0 * 0x1p797); /* a classic hard reduction */
  ex_d1 ("cos", c_cos, 6381956970095103.0 * 0x1p797);
  /* fma: textbook and halfway cases */
  ex_fma (0.1, 10.0, -1.0);
  ex_fma (1.0 + 0x1p-52, 1.0 + 0x1p-52, -1.0);
  ex_fma (1.0 + 0x1p-52, 1.0 - 0x1p-53, 0.0);
  ex_fma (1.0 + 0x1p-27, 1.0 + 0x1p-26, 0x1p-80);
  ex_fma (1.0 + 0x1p-27, 1.0 + 0x1p-26, -0x1p-80);
  ex_fma (0x1p-1074, 0.5, 0.0);
  ex_fma (-0x1p-1074, 0.5, 0.0);
  ex_fma (0x1p-1074, 1.5, 0.0);
  ex_fma (0x1p-1074, 2.5, -0.0);
  ex_fma (0x1.fffffffffffffp1023, 2.0, -0x1.fffffffffffffp1023);
  ex_fma (0x1.fffffffffffffp1023, 1.0 + 0x1p-52, 0.0);
  ex_fma (0x1p1023, 2.0, -INFINITY);
  ex_fma (INFINITY, 0.0, 1.0);
  ex_fma (2.0, 3.0, NAN);
  ex_fma (-0.0, 1.0, 0.0);
  ex_fma (-0.0, 1.0, -0.0);
  ex_fma (0x1p-600, 0x1p-600, -0x1p-1074);
  ex_fma (3.0, 1.0 / 3.0, -1.0);
  fclose (fx);
}

int main (int argc, char **argv)
{
  if (argc < 2) { fprintf (stderr, "usage: %s OUTDIR [COUNT]\n", argv[0]); return 2; }
  const char *dir = argv[1];
  uint32_t n = argc > 2 ? (uint32_t) strtoul (argv[2], 0, 10) : 1000000u;
  if (argc > 3)
    SEED_BASE = (uint32_t) strtoul (argv[3], 0, 10);
  run_d1 (dir, "exp", SEED_BASE + 1, n, arg_exp, c_exp);
  run_d1 (dir, "log", SEED_BASE + 2, n, arg_log, c_log);
  run_d1 (dir, "cos", SEED_BASE + 4, n, arg_trig, c_cos);
  run_d1 (dir, "sin", SEED_BASE + 5, n, arg_trig, c_sin);
  run_f1 (dir, "expf", SEED_BASE + 6, n, arg_expf, c_expf);
  run_f1 (dir, "logf", SEED_BASE + 7, n, arg_logf, c_logf);
  {
    FILE *fa = open_out (dir, "pow", "args"), *fr = open_out (dir, "pow", "res");
    seed (SEED_BASE + 3);
    for (uint32_t i = 0; i < n; i++)
      {
	double x, y; arg_pow (i, &x, &y);
	uint64_t bx = bits (x), by = bits (y), br = canon (p_pow (x, y));
	fwrite (&bx, 8, 1, fa); fwrite (&by, 8, 1, fa); fwrite (&br, 8, 1, fr);
      }
    fclose (fa); fclose (fr);
  }
  {
    FILE *fa = open_out (dir, "powf", "args"), *fr = open_out (dir, "powf", "res");
    seed (SEED_BASE + 8);
    for (uint32_t i = 0; i < n; i++)
      {
	float x, y; arg_powf (i, &x, &y);
	uint32_t bx = bits32 (x), by = bits32 (y), br = canon32 (p_powf (x, y));
	fwrite (&bx, 4, 1, fa); fwrite (&by, 4, 1, fa); fwrite (&br, 4, 1, fr);
      }
    fclose (fa); fclose (fr);
  }
  {
    FILE *fa = open_out (dir, "fma", "args"), *fr = open_out (dir, "fma", "res");
    seed (SEED_BASE + 9);
    for (uint32_t i = 0; i < n; i++)
      {
	double a, b, c; arg_fma (i, &a, &b, &c);
	uint64_t ba = bits (a), bb = bits (b), bc = bits (c), br = canon (p_fma (a, b, c));
	fwrite (&ba, 8, 1, fa); fwrite (&bb, 8, 1, fa); fwrite (&bc, 8, 1, fa); fwrite (&br, 8, 1, fr);
      }
    fclose (fa); fclose (fr);
  }
  explicit_cases (dir);
  return 0;
}
