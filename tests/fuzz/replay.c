/*
 * replay.c: runs a fuzz target over saved inputs without libFuzzer, so
 * that `make test` (plain, asan and valgrind builds alike) keeps every
 * input the fuzzers were seeded with or found a crash with as a standing
 * regression test.  Linked with one target (fuzz_parsers.c or
 * fuzz_render.c) into build/tests/test_fuzz_*; each input is one test,
 * and a target that breaks its promise aborts, which run.sh reports as a
 * crash.
 *
 * The inputs: every regular file of at most 1 MiB under the directories
 * the Makefile compiles in as REPLAY_DIRS (':'-separated), in name order.
 */
#include "../unit/harness.h"

#include <dirent.h>
#include <stdint.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	t_name = path;
	t_failed_now = 0;
	if (!f) {
		T_FAIL("cannot open '%s'", path);
		t_fail++;
		return;
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	t_pass++;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_dir(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;

	if (!d) {
		t_name = dir;
		T_FAIL("cannot open directory '%s'", dir);
		t_fail++;
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		if (!names)
			abort();
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		char path[4096];
		struct stat sb;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && depth < 16)
			replay_dir(path, depth + 1);
		else if (S_ISREG(sb.st_mode) && sb.st_size <= (1 << 20))
			replay_file(path);
		free(names[i]);
	}
	free(names);
}

int main(void)
{
	const char *dirs = REPLAY_DIRS;
	char *copy, *dir, *save = NULL;

	copy = strdup(dirs);
	for (dir = strtok_r(copy, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save))
		replay_dir(dir, 0);
	free(copy);
	if (!t_pass && !t_fail)
		fprintf(stderr, "no input found in %s\n", dirs);
	return t_done();
}
