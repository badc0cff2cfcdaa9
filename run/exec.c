/*
 * exec.c: the runner's processes.  A probe (llama-bench --help, nvidia-smi)
 * runs with its stdout captured and a time limit; a test point runs in a
 * process group of its own, its stdout and stderr going straight to the
 * run directory's files, and is killed (the whole group: SIGTERM, then
 * SIGKILL) when it outlives --test-timeout or when Ctrl-C arrives.  The
 * child's stdin is /dev/null, so that a process group that is not the
 * terminal's foreground never stops on a read; Ctrl-C reaches only
 * halodb, which then kills the point itself.
 */
#include "run.h"
#include "../util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

volatile int hdb_run_interrupted;

static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
#define N_CAUGHT (sizeof(caught) / sizeof(caught[0]))
static struct sigaction saved[N_CAUGHT];

static void on_signal(int sig)
{
	hdb_run_interrupted = sig;
}

void hdb_run_signals(int on)
{
	size_t i;

	for (i = 0; i < N_CAUGHT; i++) {
		if (on) {
			struct sigaction sa;

			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = on_signal;
			sigemptyset(&sa.sa_mask);
			sa.sa_flags = 0;	/* no SA_RESTART: sleeps end */
			sigaction(caught[i], &sa, &saved[i]);
		} else {
			sigaction(caught[i], &saved[i], NULL);
		}
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);	/* a signal ends it early: fine */
}

char *hdb_exec_find(const char *name)
{
	const char *path = getenv("PATH"), *p;
	char buf[PATH_MAX];
	struct stat sb;

	if (strchr(name, '/')) {
		if (!realpath(name, buf))
			return NULL;
		return xstrdup(buf);
	}
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; ) {
		size_t n = strcspn(p, ":");
		char *cand = xasprintf("%.*s/%s", (int)n, n ? p : ".", name);

		if (!stat(cand, &sb) && S_ISREG(sb.st_mode) &&
		    !access(cand, X_OK) && realpath(cand, buf)) {
			free(cand);
			return xstrdup(buf);
		}
		free(cand);
		if (!p[n])
			return NULL;
		p += n + 1;
	}
}

/* In the child, before exec: default signals, nothing blocked. */
static void child_signals(void)
{
	sigset_t none;
	size_t i;

	for (i = 0; i < N_CAUGHT; i++)
		signal(caught[i], SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/*
 * Forks argv in a process group of its own with the given fds as stdout
 * and stderr (-1: /dev/null).  An exec that fails is told through a
 * close-on-exec pipe: returns the pid, or -1 with hdb_error.
 */
static pid_t spawn(char *const *argv, int out_fd, int err_fd)
{
	int ep[2], e = 0;
	pid_t pid;
	ssize_t n;

	if (pipe2(ep, O_CLOEXEC))
		return hdb_error("cannot run '%s': %s", argv[0],
				 strerror(errno));
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(ep[0]);
		close(ep[1]);
		return hdb_error("cannot run '%s': %s", argv[0], strerror(e));
	}
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		setpgid(0, 0);
		child_signals();
		close(ep[0]);
		if (null < 0 || dup2(null, 0) < 0 ||
		    dup2(out_fd >= 0 ? out_fd : null, 1) < 0 ||
		    dup2(err_fd >= 0 ? err_fd : null, 2) < 0)
			e = errno;
		if (!e) {
			if (strchr(argv[0], '/'))
				execv(argv[0], argv);
			else
				execvp(argv[0], argv);
			e = errno;
		}
		if (write(ep[1], &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	/* both sides set the group: no window where a kill misses it */
	setpgid(pid, pid);
	close(ep[1]);
	do
		n = read(ep[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(ep[0]);
	if (n == sizeof(e)) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		return hdb_error("cannot run '%s': %s", argv[0], strerror(e));
	}
	return pid;
}

/*
 * Ends the group of pid: SIGTERM, up to 3 s, then SIGKILL, up to 10 s.
 * Returns 0 with *status once the leader is reaped, -1 if it never is
 * (a process stuck in a driver call).
 */
static int end_group(pid_t pid, int *status)
{
	double t0;
	int sig;

	for (sig = 0; sig < 2; sig++) {
		killpg(pid, sig ? SIGKILL : SIGTERM);
		t0 = now();
		while (now() - t0 < (sig ? 10.0 : 3.0)) {
			pid_t w = waitpid(pid, status, WNOHANG);

			if (w == pid) {
				killpg(pid, SIGKILL);	/* stragglers */
				return 0;
			}
			if (w < 0 && errno != EINTR)
				return -1;
			nap(0.02);
		}
	}
	return -1;
}

int hdb_exec_capture(char *const *argv, double timeout_s, size_t max,
		     char **out, int *status)
{
	struct strbuf sb = STRBUF_INIT;
	int p[2], done = 0;
	pid_t pid;
	double t0 = now();

	*out = NULL;
	if (pipe2(p, O_CLOEXEC))
		return hdb_error("cannot run '%s': %s", argv[0],
				 strerror(errno));
	pid = spawn(argv, p[1], -1);
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return -1;
	}
	while (!done) {
		struct pollfd pf = { p[0], POLLIN, 0 };
		double left = timeout_s - (now() - t0);
		char chunk[4096];
		ssize_t n;
		int r;

		if (left <= 0) {
			close(p[0]);
			end_group(pid, status);
			strbuf_release(&sb);
			return hdb_error("'%s' did not finish within %.0f s "
					 "(killed)", argv[0], timeout_s);
		}
		r = poll(&pf, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		n = read(p[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			done = 1;
			break;
		}
		if (sb.len < max)
			strbuf_add(&sb, chunk, (size_t)n < max - sb.len
				   ? (size_t)n : max - sb.len);
	}
	close(p[0]);
	/* stdout closed: wait for the exit, within what is left */
	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			break;
		if (now() - t0 > timeout_s) {
			end_group(pid, status);
			strbuf_release(&sb);
			return hdb_error("'%s' did not finish within %.0f s "
					 "(killed)", argv[0], timeout_s);
		}
		nap(0.01);
	}
	*out = strbuf_detach(&sb);
	if (!*out)
		*out = xstrdup("");
	return 0;
}

int hdb_exec_point(char *const *argv, int out_fd, int err_fd,
		   double timeout_s, hdb_tick_fn tick, void *ctx,
		   struct hdb_exec_result *r)
{
	double t0, last_tick;
	int status = 0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->exit_code = -1;
	pid = spawn(argv, out_fd, err_fd);
	if (pid < 0)
		return -1;
	r->started = 1;
	r->pid = pid;
	t0 = last_tick = now();
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid) {
			killpg(pid, SIGKILL);	/* what it left behind */
			break;
		}
		if (w < 0 && errno != EINTR) {
			r->unreaped = 1;
			break;
		}
		if (hdb_run_interrupted || now() - t0 >= timeout_s) {
			if (hdb_run_interrupted)
				r->interrupted = 1;
			else
				r->timed_out = 1;
			if (end_group(pid, &status))
				r->unreaped = 1;
			break;
		}
		if (tick && now() - last_tick >= 1.0) {
			last_tick = now();
			tick(ctx, last_tick - t0);
		}
		nap(0.02);
	}
	r->seconds = now() - t0;
	if (!r->unreaped) {
		if (WIFEXITED(status))
			r->exit_code = WEXITSTATUS(status);
		else if (WIFSIGNALED(status))
			r->signal = WTERMSIG(status);
	}
	return 0;
}
