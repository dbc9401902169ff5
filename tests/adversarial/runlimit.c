/* Run a command and check how it ended and what it cost:
 *
 *   runlimit [--exit N] [--cpu SECONDS] [--rss MIB] [--wall SECONDS]
 *            [--stdin FILE] [--stdout FILE] [--stderr FILE] -- CMD ARG...
 *
 * --exit      the exit status it must have (default: not checked; a
 *             signal is always a failure)
 * --cpu       user + system CPU time it may use (checked after the end;
 *             CPU rather than wall time, so a busy machine cannot fail it)
 * --rss       peak resident set size it may reach, in MiB (getrusage's
 *             ru_maxrss of the child)
 * --wall      wall-clock seconds before it is killed as hung (default 120)
 *
 * Prints one line with what was measured, and exits 0 if every check
 * held, 1 if one failed, 2 on a usage error. Time and memory are measured
 * by the kernel (wait4), so this needs no /usr/bin/time. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int redirect(const char *path, int fd, int flags)
{
	if (!path)
		return 0;
	int f = open(path, flags, 0644);
	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "runlimit: %s: %s\n", path, strerror(errno));
		return -1;
	}
	close(f);
	return 0;
}

static int usage(void)
{
	fputs("usage: runlimit [--exit N] [--cpu S] [--rss MIB] [--wall S] "
	      "[--stdin F] [--stdout F] [--stderr F] -- CMD ARG...\n", stderr);
	return 2;
}

static int number(const char *s, double *out)
{
	char *end;
	errno = 0;
	*out = strtod(s, &end);
	return errno || end == s || *end || *out < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	double cpu_max = -1, rss_max = -1, wall_max = 120, want = -1;
	const char *in = NULL, *out = NULL, *err = NULL;
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
		if (i + 1 >= argc)
			return usage();
		const char *opt = argv[i], *val = argv[i + 1];
		double *num = strcmp(opt, "--exit") == 0 ? &want
			    : strcmp(opt, "--cpu") == 0 ? &cpu_max
			    : strcmp(opt, "--rss") == 0 ? &rss_max
			    : strcmp(opt, "--wall") == 0 ? &wall_max : NULL;
		if (num) {
			if (number(val, num) < 0)
				return usage();
		} else if (strcmp(opt, "--stdin") == 0) {
			in = val;
		} else if (strcmp(opt, "--stdout") == 0) {
			out = val;
		} else if (strcmp(opt, "--stderr") == 0) {
			err = val;
		} else {
			return usage();
		}
	}
	if (i + 1 >= argc)
		return usage();
	char **cmd = argv + i + 1;

	double start = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runlimit: fork");
		return 2;
	}
	if (pid == 0) {
		if (redirect(in, 0, O_RDONLY) < 0 ||
		    redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC) < 0 ||
		    redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC) < 0)
			_exit(126);
		execvp(cmd[0], cmd);
		fprintf(stderr, "runlimit: %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}

	int status = 0;
	struct rusage ru;
	int hung = 0;
	for (;;) {
		pid_t r = wait4(pid, &status, WNOHANG, &ru);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			perror("runlimit: wait4");
			return 2;
		}
		if (!hung && now() - start > wall_max) {
			kill(pid, SIGKILL);
			hung = 1;
		}
		usleep(2000);
	}
	double wall = now() - start;
	double cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
	double rss = (double)ru.ru_maxrss / 1024.0;   /* KiB on Linux */

	int bad = 0;
	char how[64];
	if (WIFEXITED(status))
		snprintf(how, sizeof(how), "exit %d", WEXITSTATUS(status));
	else
		snprintf(how, sizeof(how), "signal %d", WTERMSIG(status));
	printf("runlimit: %s, cpu %.2fs, wall %.2fs, peak rss %.1f MiB: %s\n",
	       how, cpu, wall, rss, cmd[0]);
	if (hung) {
		printf("runlimit: FAIL killed after %.0fs of wall time\n", wall_max);
		bad = 1;
	} else if (!WIFEXITED(status)) {
		printf("runlimit: FAIL ended by a signal\n");
		bad = 1;
	} else if (want >= 0 && WEXITSTATUS(status) != (int)want) {
		printf("runlimit: FAIL exit status %d, expected %d\n",
		       WEXITSTATUS(status), (int)want);
		bad = 1;
	}
	if (cpu_max >= 0 && cpu > cpu_max) {
		printf("runlimit: FAIL cpu %.2fs over the %.2fs bound\n", cpu,
		       cpu_max);
		bad = 1;
	}
	if (rss_max >= 0 && rss > rss_max) {
		printf("runlimit: FAIL peak rss %.1f MiB over the %.1f MiB bound\n",
		       rss, rss_max);
		bad = 1;
	}
	return bad;
}
