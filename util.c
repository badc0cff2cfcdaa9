/*
 * util.c: allocation helpers that die on failure, the error slot that
 * library code writes and main() prints, the string buffer, the one way
 * files are opened and read (regular files only, within a bound), and
 * the UTF-8 check every parser of text shares.
 */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* each thread its own: the report draws charts on several */
static _Thread_local char errbuf[4096];

void hdb_die(const char *fmt, ...)
{
	va_list ap;

	fputs("halodb: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(HDB_EXIT_FAIL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		hdb_die("out of memory allocating %zu bytes", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		hdb_die("out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		hdb_die("out of memory allocating %zu bytes", n);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

int hdb_verror(const char *fmt, va_list ap)
{
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	return -1;
}

int hdb_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hdb_verror(fmt, ap);
	va_end(ap);
	return -1;
}

const char *hdb_errmsg(void)
{
	return errbuf;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	if (need < sb->cap * 2)
		need = sb->cap * 2;
	if (need < 64)
		need = 64;
	sb->buf = xrealloc(sb->buf, need);
	sb->cap = need;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		hdb_die("bad format string '%s'", fmt);
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, again);
	va_end(again);
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

int hdb_open_regular(const char *path, FILE **out, long long *size)
{
	struct stat sb;
	int fd;
	FILE *f;

	*out = NULL;
	/* O_NONBLOCK: opening a FIFO with no writer would wait forever */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return hdb_error("cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &sb)) {
		int e = errno;

		close(fd);
		return hdb_error("cannot read '%s': %s", path, strerror(e));
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return hdb_error("cannot read '%s': not a regular file", path);
	}
	/* O_NONBLOCK stays: it does nothing to a regular file's reads */
	if (!(f = fdopen(fd, "rb"))) {
		int e = errno;

		close(fd);
		return hdb_error("cannot read '%s': %s", path, strerror(e));
	}
	if (size)
		*size = (long long)sb.st_size;
	*out = f;
	return 0;
}

int read_file_max(const char *path, size_t max, char **out, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f;
	int ret = -1;

	*out = NULL;
	if (hdb_open_regular(path, &f, NULL))
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		/* the size fstat gave may grow while we read */
		if (n > max - sb.len) {
			if (max >> 20)
				hdb_error("cannot read '%s': larger than %zu "
					  "MiB", path, max >> 20);
			else
				hdb_error("cannot read '%s': larger than %zu "
					  "bytes", path, max);
			goto out;
		}
		strbuf_add(&sb, chunk, n);
	}
	if (ferror(f)) {
		hdb_error("cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	if (len)
		*len = sb.len;
	*out = strbuf_detach(&sb);
	ret = 0;
out:
	fclose(f);
	strbuf_release(&sb);
	return ret;
}

int read_file(const char *path, char **out, size_t *len)
{
	return read_file_max(path, HDB_READ_MAX, out, len);
}

char *read_file_trimmed(const char *path, size_t max)
{
	char *text;
	size_t len;

	if (read_file_max(path, max, &text, &len))
		return NULL;
	while (len && isspace((unsigned char)text[len - 1]))
		text[--len] = '\0';
	return text;
}

size_t hdb_utf8_char(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xbf;	/* the second byte's range */
	size_t len, i;
	unsigned v;

	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		v = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		v = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		v = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	*cp = v;
	return len;
}

size_t hdb_utf8_prefix(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned cp;
	uint64_t w;

	while (i < len) {
		/* ASCII, the most of every input, eight bytes at a time */
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		n = hdb_utf8_char(s + i, len - i, &cp);
		if (!n)
			break;
		i += n;
	}
	return i;
}

int hdb_utf8_valid(const char *s)
{
	size_t n;

	if (!s)
		return 1;
	n = strlen(s);
	return hdb_utf8_prefix(s, n) == n;
}

void hdb_utf8_copy(char *dst, size_t size, const char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		size_t ok = hdb_utf8_prefix(s + i, len - i);

		if (ok) {
			/* whole characters only */
			size_t take = ok < size - 1 - o ? ok : size - 1 - o;

			while (take && take < ok &&
			       ((unsigned char)s[i + take] & 0xc0) == 0x80)
				take--;
			memcpy(dst + o, s + i, take);
			o += take;
			if (take < ok)
				break;
			i += ok;
			continue;
		}
		if (o + 1 >= size)
			break;
		dst[o++] = '?';
		i++;
	}
	dst[o] = '\0';
}

/* --- Numbers without printf --- */

void strbuf_add_ll(struct strbuf *sb, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v
			       : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

/* 10^0 .. 10^22: each exact in a double. */
static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The same as whole numbers, 10^0 .. 10^19. */
static const unsigned long long pow10_u64[20] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
	10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
	100000000000ull, 1000000000000ull, 10000000000000ull,
	100000000000000ull, 1000000000000000ull, 10000000000000000ull,
	100000000000000000ull, 1000000000000000000ull,
	10000000000000000000ull,
};

/*
 * a b exactly, as hi + lo (Dekker's product: a and b split in halves of
 * 26 bits, whose products are exact).  a, b >= 0 and far from overflow.
 */
static void exact_product(double a, double b, double *hi, double *lo)
{
	const double split = 134217729.0;	/* 2^27 + 1 */
	double ca = split * a, cb = split * b;
	double ah = ca - (ca - a), al = a - ah;
	double bh = cb - (cb - b), bl = b - bh;

	*hi = a * b;
	*lo = ((ah * bh - *hi) + ah * bl + al * bh) + al * bl;
}

/*
 * a 10^k (a >= 0, k <= 22, the product below 2^52) rounded to the
 * nearest whole number into *r, as printf rounds the exact value.
 * Returns 0, or -1 on an exact tie (printf's rule for those is left to
 * printf).
 */
static int scaled_round(double a, int k, unsigned long long *r)
{
	double hi, lo, f, t;

	exact_product(a, pow10_exact[k], &hi, &lo);
	if (!(hi < 0x1p52))
		return -1;
	f = (double)(unsigned long long)hi;	/* floor: hi >= 0 */
	/* exact: hi - f is a multiple of hi's last place, below 1 */
	t = (hi - f) - 0.5;
	if (t + lo == 0)
		return -1;
	*r = (unsigned long long)f + (t + lo > 0);
	return 0;
}

/* Is a 10^k below p, a power of ten exact in a double? */
static int scaled_below(double a, int k, double p)
{
	double hi, lo;

	exact_product(a, pow10_exact[k], &hi, &lo);
	return hi < p || (hi == p && lo < 0);
}

/* The decimal digits of r, exactly n of them (leading zeros). */
static void put_digits(char *d, unsigned long long r, int n)
{
	while (n--) {
		d[n] = (char)('0' + r % 10);
		r /= 10;
	}
}

void strbuf_add_fixed(struct strbuf *sb, double v, int decimals)
{
	char d[40];
	unsigned long long r;
	int n;

	if (!(decimals >= 0 && decimals <= 9) || !(fabs(v) < 1e15) ||
	    scaled_round(fabs(v), decimals, &r)) {
		strbuf_addf(sb, "%.*f", decimals, v);
		return;
	}
	/* printf keeps the sign of a negative value that rounds to 0 */
	if (signbit(v))
		strbuf_addch(sb, '-');
	for (n = 1; n < 19 && r / pow10_u64[decimals] >= pow10_u64[n]; n++)
		;
	/* n digits before the point (at least one), decimals after */
	put_digits(d, r, n + decimals);
	strbuf_add(sb, d, (size_t)n);
	if (decimals) {
		strbuf_addch(sb, '.');
		strbuf_add(sb, d + n, (size_t)decimals);
	}
}

void strbuf_add_general(struct strbuf *sb, double v, int precision)
{
	double a = fabs(v);
	unsigned long long r;
	char d[16];
	int e, k, i, tries, last;

	if (!(precision >= 1 && precision <= 15) || !(a >= 1e-4 && a < 1e15))
		goto fallback;
	/* the decimal exponent: log10's guess, checked exactly */
	e = (int)floor(log10(a));
	for (tries = 0; ; tries++) {
		k = precision - 1 - e;
		if (tries == 3 || k < 0 || k > 22)
			goto fallback;
		if (scaled_below(a, k, pow10_exact[precision - 1]))
			e--;
		else if (!scaled_below(a, k, pow10_exact[precision]))
			e++;
		else
			break;
	}
	if (scaled_round(a, k, &r))
		goto fallback;
	if (r == pow10_u64[precision]) {
		/* rounded up to the next power of ten */
		r /= 10;
		e++;
	}
	/* %g writes exponents below -4 or from the precision on as %e */
	if (e < -4 || e >= precision)
		goto fallback;
	put_digits(d, r, precision);
	/* trailing zeros go, and the point with them when nothing is left */
	for (last = precision - 1; last > 0 && last > e && d[last] == '0';
	     last--)
		;
	if (signbit(v))
		strbuf_addch(sb, '-');
	if (e < 0) {
		strbuf_addstr(sb, "0.");
		for (i = -1; i > e; i--)
			strbuf_addch(sb, '0');
		strbuf_add(sb, d, (size_t)last + 1);
		return;
	}
	strbuf_add(sb, d, (size_t)e + 1);
	if (last > e) {
		strbuf_addch(sb, '.');
		strbuf_add(sb, d + e + 1, (size_t)(last - e));
	}
	return;
fallback:
	strbuf_addf(sb, "%.*g", precision, v);
}

int hdb_all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}
