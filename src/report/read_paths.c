/* Parallel reading: inputs side by side, and large wpp-text files in parts
 * (shared/design.md, "Parallelism"). Every job fills a report of its own;
 * the calling thread merges them in input order, which makes the result
 * identical to a sequential run. A window bounds how far workers run ahead
 * of the merge, so memory stays flat however many inputs there are. */
#include <wdilog/report.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "report/report.h"
#include "util/alloc.h"
#include "util/error.h"
#include "parse/parse_xml.h"
#include "input/input.h"
#include "parse/reader_range.h"

/* Files smaller than this are read whole: a part costs a thread hand-off
 * and a second open, which only pays on large inputs. */
#define SPLIT_MIN (32u * 1024u * 1024u)
/* Jobs finished but not yet merged, at most. */
#define WINDOW 64
/* Files found in a directory are read in batches of consecutive jobs
 * into one report, merged once: a job per small file cost more in
 * hand-offs, reports and merges than reading it. Sizes are not known (no
 * stat), so a worker's batches start at one file and double, up to
 * BATCH_MAX, while a batch holds fewer than BATCH_EVENTS events; a large
 * one sets them back to one file (large files stay side by side). */
#define BATCH_MAX 16
#define BATCH_EVENTS 4096
/* Worker threads, and parts one file is cut into, at most (--jobs says
 * the same, cli/args.h CLI_JOBS_MAX). */
#define JOBS_MAX 64
/* Failures all jobs together keep for the burst detector: 256 Ki x 32
 * bytes = 8 MiB. Past it a job waits for its turn and feeds the detector
 * itself, so memory stays flat even through a failure storm, and the
 * common case (failures are rare) never waits. */
#define LOG_BUDGET (256u * 1024u)
/* Diagnostics one part keeps until its line numbers can be made whole
 * (at its merge): 1024 x ~300 bytes. Past it the part waits for its turn
 * and tells them itself, as for failures. */
#define DIAG_BUDGET 1024u

/* One failure, kept for the burst detector (bursts depend on the order of
 * failures, so they are found on the merging side, in input order). */
struct failure {
	wdilog_time t;
	uint32_t code;              /* index into the job report's codes */
	uint64_t line;              /* its line (drill-down) */
	size_t input;               /* index into the job report's inputs
				       (a batch holds several) */
};

struct job {
	size_t input;               /* index into the paths */
	struct wdl_range range;     /* a part's (part below) */
	wdilog_report *rep;         /* the result, merged then freed */
	size_t nbatch;              /* jobs read into this one's report, it
				       included (set when it is done) */
	size_t index;               /* its place among the run's jobs */
	struct run *run;
	struct failure *log;        /* owned; grows as needed */
	size_t nlog, log_cap;
	/* A text part past the file's start numbers its lines from 1; the
	 * lines of the parts before it are added at its merge, so planning
	 * the parts never counts lines. */
	uint64_t lines;             /* its lines before its end */
	uint64_t line_base;         /* lines before its start (set when the
				       part before it is merged) */
	wdilog_error *diags;        /* owned: its diagnostics, lines relative */
	size_t ndiags, diags_cap;
	int status;                 /* why, if below 0: job_err() */
	/* its flags together (a table of 10,000 jobs is cleared and
	 * faulted in before the first file is read) */
	bool part;                  /* one part of a file (range above) */
	bool first_part;
	bool skipped;               /* a wdilog report found in a directory */
	bool passed_over;           /* a binary file found in a directory
				       (skipped too; job_err() holds the
				       warning) */
	bool done;
	bool direct;                /* feeding the main detector itself */
	bool unlisted;              /* read in a batch, failed, and no memory
				       to list it there: listed at the merge */
	bool repair_held;           /* an XML part's repair warning (in its
				       slot), told at its merge if no earlier
				       part told one */
	bool diag_direct;           /* telling them itself (line_base known) */
};

/* The errors of a job, from its start until its input is told. Jobs
 * started but not merged lie in [merged, merged + WINDOW), and a merge
 * looks back at most JOBS_MAX - 1 parts of its input, so SLOTS
 * consecutive jobs cover every error still wanted: a ring indexed by job
 * index. (Held in each job, they made the job table ~800 bytes an input:
 * zeroing and faulting it in was a tenth of reading 10,000 small files.) */
#define SLOTS (WINDOW + JOBS_MAX)
/* Jobs in use lie in [merged - JOBS_MAX, merged + WINDOW] (a merge looks
 * at the next job, and back over the parts of its input), so the jobs are
 * a ring too, made from the plan as the merge goes on: a table of every
 * job was 2 MiB for 10,000 small files, and each page first touched costs
 * a fault (a tenth of a millisecond per 10 pages on a virtual machine). */
#define RING (2 * (WINDOW + JOBS_MAX))
struct job_slot {
	wdilog_error err;           /* its failure, or a skipped file's warning */
	wdilog_error repair;        /* an XML part's held repair warning */
};

struct run {
	wdilog_report *main;        /* the report everything is merged into */
	struct job_slot *slots;     /* owned, SLOTS */
	const wdilog_path *paths;
	size_t npaths;
	const wdilog_options *opts; /* with the serialized diagnostic hook */
	struct job *ring;           /* owned, RING: job j at j % RING */
	size_t njobs;               /* jobs in all (planned) */
	/* The plan: a path is one job, but a file cut in parts (split) is
	 * one job a part, planned beforehand into part_jobs */
	struct split {
		size_t path, first, n;  /* its path, first part, parts */
	} *splits;                  /* owned, in path order */
	size_t nsplits, splits_cap;
	struct job *part_jobs;      /* owned */
	size_t nparts, parts_cap;
	/* jobs made in the ring so far, and where the plan is at */
	size_t made, at_path, at_part, at_split;
	size_t next;                /* next job to start */
	size_t merged;              /* jobs merged so far */
	/* what the main report's attempt list can still take (under lock):
	 * a job keeps no more (wdl_att_list_bound) */
	size_t list_att_room, list_sess_room;
	bool merging;               /* a thread is merging (the one merger) */
	/* Who sleeps on `changed`, so that a small job's hand-off wakes no
	 * one needlessly (each wake-up is a futex call and a context switch:
	 * with 10,000 small files they cost more than the reading) */
	bool room_waits;            /* a thread waits for the window */
	bool end_waits;             /* the caller waits for the last merges */
	bool threaded;              /* jobs run on worker threads */
	int rc;                     /* the first failure, kept (merger's) */
	size_t turn_waits;          /* jobs waiting for their turn */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	/* the merge's outcome is told here (used by the merger) */
	wdilog_input_fn done;
	void *done_payload;
	wdilog_error *err;
	/* the caller's diagnostic callback, one call at a time */
	wdilog_diag_fn user_diag;
	void *user_payload;
	pthread_mutex_t diag_lock;
	size_t logged;              /* failures in all logs (atomic) */
	struct wdl_window window;   /* the main report's, copied before any
				       thread starts (the merge updates it) */
	size_t repair_told;         /* last input whose parts told a repair,
				       plus one (0: none) */
	/* Job reports merged, kept for later jobs (under lock; reset by
	 * the worker that takes one): their pages stay mapped */
	wdilog_report *spare[WINDOW + JOBS_MAX];
	size_t nspare;
};

static struct job *job_at(const struct run *run, size_t j)
{
	return &run->ring[j % RING];
}

/* Make the jobs before @p upto in the ring, from the plan, in order
 * (under the lock once threads run). */
static void make_jobs(struct run *run, size_t upto)
{
	while (run->made < upto && run->made < run->njobs) {
		struct job *j = job_at(run, run->made);
		const struct split *s = run->at_split < run->nsplits
						? &run->splits[run->at_split]
						: NULL;
		if (s && s->path == run->at_path) {
			*j = run->part_jobs[s->first + run->at_part];
			if (++run->at_part == s->n) {
				run->at_part = 0;
				run->at_split++;
				run->at_path++;
			}
		} else {
			*j = (struct job){ .input = run->at_path++ };
		}
		j->index = run->made++;
		j->run = run;
	}
}

static void locked_diag(const wdilog_error *d, void *payload)
{
	struct run *run = payload;
	pthread_mutex_lock(&run->diag_lock);
	run->user_diag(d, run->user_payload);
	pthread_mutex_unlock(&run->diag_lock);
}

static wdilog_error *job_err(const struct job *j)
{
	return &j->run->slots[j->index % SLOTS].err;
}

/* The main report's index of input entry for job @p j: its own entry is
 * added at its merge, after every earlier job's. */
static size_t main_input(const struct job *j)
{
	size_t n = j->run->main->ninputs;
	return j->part && !j->first_part && n ? n - 1 : n;
}

/* Feed one failure of job @p j to the main report's burst detector. Only
 * while every earlier job is merged and the merging thread waits for this
 * one, so nothing else touches the main report. */
static bool relative_part(const struct job *j);

static bool feed_main(struct job *j, const wdilog_time *t, uint32_t code,
		      uint64_t line, size_t input)
{
	/* a relative part's line_base is known here: the part before it
	 * is merged (at this part's merge, or when it waited for its turn) */
	if (line && relative_part(j))
		line += j->line_base;
	return wdl_report_replay_failure(j->run->main, j->rep, t, code,
					 main_input(j) + input, line);
}

static bool flush_log(struct job *j)
{
	for (size_t i = 0; i < j->nlog; i++)
		if (!feed_main(j, &j->log[i].t, j->log[i].code, j->log[i].line,
			       j->log[i].input))
			return false;
	__atomic_sub_fetch(&j->run->logged, j->nlog, __ATOMIC_RELAXED);
	j->nlog = 0;
	return true;
}

static bool log_failure(struct job *j, const wdilog_time *t, uint32_t code,
			uint64_t line, size_t input)
{
	if (!wdl_reserve((void **)&j->log, &j->log_cap, j->nlog + 1,
			 sizeof(*j->log), 1024))
		return false;
	j->log[j->nlog++] = (struct failure){ *t, code, line, input };
	__atomic_add_fetch(&j->run->logged, 1, __ATOMIC_RELAXED);
	return true;
}

/* Block until every job before @p j is merged: past its budget a job
 * hands its failures and diagnostics on itself, in order. */
static void wait_for_turn(struct job *j)
{
	struct run *run = j->run;
	pthread_mutex_lock(&run->lock);
	run->turn_waits++;
	while (run->merged != j->index)
		pthread_cond_wait(&run->changed, &run->lock);
	run->turn_waits--;
	pthread_mutex_unlock(&run->lock);
}

static bool job_sink(void *ctx, const wdilog_time *t, uint32_t code,
		     uint64_t line)
{
	struct job *j = ctx;
	/* the input being read: the report's last */
	size_t input = j->rep->ninputs ? j->rep->ninputs - 1 : 0;
	if (j->direct)
		return feed_main(j, t, code, line, input);
	if (__atomic_load_n(&j->run->logged, __ATOMIC_RELAXED) < LOG_BUDGET)
		return log_failure(j, t, code, line, input);
	/* a failure storm: wait to be next, then feed the detector itself */
	wait_for_turn(j);
	j->direct = true;
	return flush_log(j) && feed_main(j, t, code, line, input);
}

/* The diagnostics of one part of an XML file: the warning for the first
 * repaired event is said once per file, so it is held until the merge;
 * everything else goes straight on. */
static void xml_part_diag(const wdilog_error *d, void *payload)
{
	struct job *j = payload;
	if (d->code == WDILOG_DIAG_WARNING &&
	    strstr(d->message, WDL_XML_REPAIR_ONCE)) {
		if (!j->repair_held) {
			j->run->slots[j->index % SLOTS].repair = *d;
			j->repair_held = true;
		}
		return;
	}
	j->run->opts->diag(d, j->run->opts->diag_payload);
}

/* At the merge of an XML part, in file order: its held repair warning,
 * unless an earlier part of the file told one. */
static void tell_repair(struct run *run, struct job *j)
{
	if (!j->repair_held || run->repair_told == j->input + 1 ||
	    !run->user_diag)
		return;
	run->repair_told = j->input + 1;
	if (run->threaded)
		pthread_mutex_lock(&run->diag_lock);
	run->user_diag(&run->slots[j->index % SLOTS].repair, run->user_payload);
	if (run->threaded)
		pthread_mutex_unlock(&run->diag_lock);
}

/* A text part past the file's start: its lines count from 1. */
static bool relative_part(const struct job *j)
{
	return j->part && !j->range.evtx && !j->range.xml && j->range.start > 0;
}

/* Tell one of job @p j's diagnostics with its line made whole. */
static void tell_diag(struct job *j, const wdilog_error *d)
{
	wdilog_error e = *d;
	if (e.line)
		e.line += j->line_base;
	j->run->opts->diag(&e, j->run->opts->diag_payload);
}

static void flush_diags(struct job *j)
{
	for (size_t i = 0; i < j->ndiags; i++)
		tell_diag(j, &j->diags[i]);
	j->ndiags = 0;
}

/* A relative part's diagnostic: kept until its merge, when the lines
 * before the part are known; past the budget (or with no memory to keep
 * it) the part waits until every part before it is merged and tells its
 * diagnostics itself from then on. */
static void part_diag(const wdilog_error *d, void *payload)
{
	struct job *j = payload;
	if (!j->diag_direct && j->ndiags == j->diags_cap &&
	    j->diags_cap < DIAG_BUDGET) {
		size_t cap = j->diags_cap ? j->diags_cap * 2 : 16;
		wdilog_error *n = wdl_realloc(j->diags, cap * sizeof(*n));
		if (n) {
			j->diags = n;
			j->diags_cap = cap;
		}
	}
	if (!j->diag_direct && j->ndiags < j->diags_cap) {
		/* the reader's copy of the name goes with it: the path's own
		 * string outlives the job */
		wdilog_error *kept = &j->diags[j->ndiags++];
		*kept = *d;
		if (kept->input)
			kept->input = j->run->paths[j->input].path;
		return;
	}
	if (!j->diag_direct) {
		wait_for_turn(j);
		j->diag_direct = true;
		flush_diags(j);
	}
	tell_diag(j, d);
}

/* How many lines part @p j has before its end, from its reader @p r when
 * it got there, else counted in the file (a part that stopped early). */
static void part_lines(struct job *j, const wdilog_reader *r,
		       const char *path)
{
	if (!j->part || j->range.evtx || j->range.xml || !j->range.end)
		return;
	if (r && wdl_reader_part_lines(r, &j->lines))
		return;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		wdl_count_newlines(fd, j->range.start, j->range.end, &j->lines);
		close(fd);
	}
}

/* A relative part's recorded lines made whole, before its merge. */
static void shift_lines(wdilog_report *rep, uint64_t base)
{
	for (size_t i = 0; base && i < rep->ninputs; i++)
		for (size_t k = 0; k < rep->inputs[i].ncodes; k++) {
			struct wdl_input_code *ic = &rep->inputs[i].codes[k];
			for (uint32_t l = 0; l < ic->nlines; l++)
				ic->lines[l] += base;
		}
	/* the drill-down's positions (all in the part's one input) */
	for (size_t i = 0; base && i < rep->ncodes; i++) {
		struct wdl_lines *l = &rep->codes[i].lines;
		for (uint32_t k = 0; k < l->n; k++)
			l->earliest[k].line += base;
		if (l->n)
			l->last.line += base;
	}
	if (base)
		wdl_attempts_shift_lines(&rep->attempts, base);
}

/* Open the job's input (its part, for a part) and read it into @p rep.
 * Returns the open's status: below 0 nothing was read and job_err() says
 * why; the read's own status is left in j->status. */
static int read_job(struct run *run, struct job *j, wdilog_report *rep,
		    struct wdl_reader_cache *cache)
{
	const char *path = run->paths[j->input].path;
	wdilog_reader *r;
	wdilog_options part_opts = *run->opts;
	if (relative_part(j) && part_opts.diag) {
		part_opts.diag = part_diag;
		part_opts.diag_payload = j;
	} else if (j->part && j->range.xml && part_opts.diag) {
		part_opts.diag = xml_part_diag;
		part_opts.diag_payload = j;
	}
	bool listed = !j->part && run->paths[j->input].from_directory;
	wdilog_error *err = job_err(j);
	*err = (wdilog_error){ 0 };     /* the slot's last job is told */
	int rc = j->part ? wdl_reader_open_range(&r, path, &part_opts, &j->range, err)
		 : listed ? wdl_reader_open_cached(&r, path, run->opts, cache, err)
			  : wdilog_reader_open_path(&r, path, run->opts, err);
	if (rc < 0) {
		j->status = rc;
		err->input = path;
		part_lines(j, NULL, path);
		return rc;
	}
	char why[240];
	if (listed && wdl_reader_passed_over(r, why, sizeof(why))) {
		/* what wdilog_walk says of it unless WDILOG_WALK_UNOPENED */
		j->skipped = j->passed_over = true;
		*err = (wdilog_error){ .code = WDILOG_DIAG_WARNING, .input = path };
		snprintf(err->message, sizeof(err->message), "skipped: %s", why);
	} else if (listed && wdilog_reader_is_report(r)) {
		j->skipped = true;
	} else {
		j->status = wdilog_report_read(rep, r, err);
		if (j->status < 0)
			err->input = path;
	}
	part_lines(j, r, path);
	wdl_reader_free_cached(r, cache);
	return WDILOG_OK;
}

/* Read job @p j into @p rep; one that cannot be opened is listed there
 * as unreadable. */
static void read_listed(struct run *run, struct job *j, wdilog_report *rep,
			struct wdl_reader_cache *cache)
{
	if (read_job(run, j, rep, cache) < 0 &&
	    wdilog_report_add_unreadable(rep, run->paths[j->input].path,
					 job_err(j), NULL) < 0)
		j->unlisted = true;
}

/* What a job may keep of its attempt list, taken under the lock when it
 * starts. */
struct list_room {
	size_t att, sess;
};

/* One job read into a report of its own, merged later: @p spare, one
 * merged before, or a new one. */
static void run_job(struct run *run, struct job *j, wdilog_report *spare,
		    struct list_room room, struct wdl_reader_cache *cache)
{
	j->nbatch = 1;
	if (spare) {
		wdl_report_reset(spare, run->opts);
		j->rep = spare;
	} else {
		*job_err(j) = (wdilog_error){ 0 };
		int rc = wdilog_report_new(&j->rep, run->opts, job_err(j));
		if (rc < 0) {
			j->status = rc;
			return;
		}
	}
	/* same window as the main report; bursts found at the merge */
	j->rep->window = run->window;
	/* once the main list is full, a job's attempts are only counted
	 * (copying thousands of them a job cost a tenth of the run) */
	wdl_att_list_bound(&j->rep->att_list, room.att, room.sess);
	if (run->threaded)
		wdl_report_defer_bursts(j->rep, job_sink, j);
	/* attempts cross part boundaries: the merge carries them on */
	if (j->part && wdl_attempts_wanted(run->opts)) {
		j->rep->attempts.keep_open = true;
		j->rep->attempts.later_part = !j->first_part;
	}
	read_listed(run, j, j->rep, cache);
}

/* How many jobs from run->next a worker that wants @p want takes as one
 * batch (under the lock): whole files found in a directory, inside the
 * window; at least one. */
static size_t batch_size(const struct run *run, size_t want)
{
	size_t k = 1, first = run->next;
	while (k < want && first + k < run->njobs &&
	       first + k < run->merged + WINDOW) {
		const struct job *a = job_at(run, first), *b = job_at(run, first + k);
		if (a->part || b->part || !run->paths[a->input].from_directory ||
		    !run->paths[b->input].from_directory)
			break;
		k++;
	}
	return k;
}

/* One job read straight into the main report (no worker, no merge). */
static int read_direct(wdilog_report *rep, struct run *run, struct job *j,
		       struct wdl_reader_cache *cache, wdilog_error *err)
{
	if (read_job(run, j, rep, cache) < 0)
		return wdilog_report_add_unreadable(rep, run->paths[j->input].path,
						    job_err(j), err);
	return j->status == WDILOG_ENOMEM ? WDILOG_ENOMEM : WDILOG_OK;
}

static int merge_job(wdilog_report *rep, struct run *run, size_t j,
		     wdilog_input_fn done, void *payload, wdilog_error *err);

/* Merge, in input order, every job from run->merged on that is done,
 * unless another thread is merging; called and returns with the lock
 * held, which it drops while it merges. Whoever finishes the job the
 * merge waits for merges it, so no thread sleeps until another wakes it
 * to merge (a wake-up per small file cost more than reading it). */
static void merge_ready(struct run *run)
{
	while (!run->merging && run->merged < run->njobs &&
	       job_at(run, run->merged)->done) {
		size_t j = run->merged;
		run->merging = true;
		pthread_mutex_unlock(&run->lock);
		/* merged (or listed with its error) even after a failure,
		 * which is kept as the one returned */
		int mrc = merge_job(run->main, run, j, run->done, run->done_payload,
				    run->rc >= 0 ? run->err : NULL);
		if (run->rc >= 0)
			run->rc = mrc;
		/* a batch: its other jobs were merged with it */
		size_t nbatch = job_at(run, j)->nbatch > 1 ? job_at(run, j)->nbatch : 1;
		pthread_mutex_lock(&run->lock);
		run->merging = false;
		run->merged = j + nbatch;
		wdl_att_list_room(&run->main->att_list, &run->list_att_room,
				  &run->list_sess_room);
		make_jobs(run, run->merged + WINDOW + 1);
		/* a thread held back by the window sleeps until half of it
		 * is free, then runs that many jobs without a wake-up */
		bool room = run->room_waits &&
			    (run->next + WINDOW / 2 <= run->merged + WINDOW ||
			     run->merged == run->njobs);
		if (room)
			run->room_waits = false;
		bool end = run->end_waits && run->merged == run->njobs;
		if (room || end || run->turn_waits)
			pthread_cond_broadcast(&run->changed);
	}
}

/* Run jobs and merge them until none is left to start (and, for the
 * caller's thread, @p to_the_end, until all are merged): the same loop
 * on every thread, the caller's included. */
static void work(struct run *run, bool to_the_end)
{
	size_t want = 1;            /* this thread's next batch */
	/* the buffers of a file read, for the next (many small files) */
	struct wdl_reader_cache cache = { 0 };
	pthread_mutex_lock(&run->lock);
	for (;;) {
		merge_ready(run);
		if (run->next < run->njobs && run->next < run->merged + WINDOW) {
			size_t k = batch_size(run, want);
			struct job *j = job_at(run, run->next);
			run->next += k;
			wdilog_report *spare = run->nspare ? run->spare[--run->nspare]
							   : NULL;
			struct list_room room = { run->list_att_room,
						  run->list_sess_room };
			pthread_mutex_unlock(&run->lock);
			run_job(run, j, spare, room, &cache);
			/* the rest of the batch into the same report (after a
			 * shortage of memory each job goes alone again) */
			bool alone = false;
			for (size_t x = 1; x < k; x++) {
				struct job *m = job_at(run, j->index + x);
				const struct job *prev = job_at(run, j->index + x - 1);
				alone = alone || !j->rep || prev->status == WDILOG_ENOMEM ||
					prev->unlisted;
				if (alone) {
					run_job(run, m, NULL, room, &cache);
					continue;
				}
				read_listed(run, m, j->rep, &cache);
				j->nbatch++;
			}
			bool small = j->rep && j->rep->totals.events < BATCH_EVENTS;
			want = small && k == want && want < BATCH_MAX ? want * 2
			       : small ? want : 1;
			pthread_mutex_lock(&run->lock);
			for (size_t x = 0; x < k; x++)
				job_at(run, j->index + x)->done = true;
			continue;
		}
		if (run->next >= run->njobs &&
		    (!to_the_end || run->merged == run->njobs))
			break;
		/* the window is full, or the last jobs run elsewhere */
		if (run->next < run->njobs)
			run->room_waits = true;
		else
			run->end_waits = true;
		pthread_cond_wait(&run->changed, &run->lock);
	}
	pthread_mutex_unlock(&run->lock);
	wdl_reader_cache_dispose(&cache);
}

static void *worker(void *arg)
{
	work(arg, false);
	return NULL;
}

/* The offset of the first line start at or after @p at. */
static uint64_t next_line_start(int fd, uint64_t at, uint64_t size)
{
	char buf[4096];
	while (at < size) {
		ssize_t got = pread(fd, buf, sizeof(buf), (off_t)at);
		if (got <= 0)
			return size;
		const char *nl = memchr(buf, '\n', (size_t)got);
		if (nl)
			return at + (uint64_t)(nl - buf) + 1;
		at += (uint64_t)got;
	}
	return size;
}

/* An EVTX file in parts at chunk starts: each part holds its chunks'
 * templates, so no part needs another; merged in file order they give
 * the counts, record numbers and warnings of one pass. */
static size_t plan_evtx_parts(const char *path, size_t input, unsigned parts,
			      struct job *out)
{
	struct wdl_range ranges[JOBS_MAX];
	size_t n = wdl_reader_evtx_ranges(path, parts, ranges);
	for (size_t k = 0; k < n; k++)
		out[k] = (struct job){ .input = input, .part = true,
				       .first_part = k == 0, .range = ranges[k] };
	return n;
}

/* ---- XML in parts, cut at <Event> starts ---- */

/* Is there an unprefixed <Event start tag at b (n bytes)? */
static bool xml_event_at(const char *b, size_t n)
{
	return n >= 7 && memcmp(b, "<Event", 6) == 0 &&
	       (b[6] == ' ' || b[6] == '\t' || b[6] == '\r' || b[6] == '\n' ||
		b[6] == '>' || b[6] == '/');
}

/* A cut point at or after @p at: an <Event that follows "</Event>" and
 * white space only, so that it is where the framer starts an event (the
 * region scan below rules out comments, CDATA, PIs and DOCTYPEs, the
 * only markup that could hold the text). 0 if none in 64 KiB. */
static uint64_t xml_cut_near(int fd, uint64_t at)
{
	static const size_t SPAN = 64 * 1024;
	char *buf = wdl_malloc(SPAN);
	uint64_t cut = 0;
	ssize_t got = buf ? pread(fd, buf, SPAN, (off_t)at) : -1;
	for (size_t i = 0; got > 16 && !cut;) {
		const char *e = memmem(buf + i, (size_t)got - i, "</Event>", 8);
		if (!e)
			break;
		size_t k = (size_t)(e - buf) + 8;
		while (k < (size_t)got && (buf[k] == ' ' || buf[k] == '\t' ||
					   buf[k] == '\r' || buf[k] == '\n'))
			k++;
		if (xml_event_at(buf + k, (size_t)got - k))
			cut = at + k;
		i = (size_t)(e - buf) + 1;
	}
	wdl_free(buf);
	return cut;
}

/* One region of an XML file: its newlines, and whether it holds "<!",
 * "<?" or a byte >= 0x80 from @p from on (wdl_xml_find_unsplittable:
 * such a file is read whole). */
struct xml_region {
	uint64_t start, end, from, lines;
	int fd;
	bool markup;
};

static void *xml_region_worker(void *arg)
{
	struct xml_region *t = arg;
	static const size_t BUF = 1 << 20;
	char *buf = wdl_malloc(BUF + 1);
	if (!buf) {
		t->markup = true;   /* cannot tell: read whole */
		return NULL;
	}
	char prev = 0;
	for (uint64_t at = t->start; at < t->end;) {
		size_t want = t->end - at < BUF ? (size_t)(t->end - at) : BUF;
		ssize_t got = pread(t->fd, buf, want, (off_t)at);
		if (got <= 0) {
			t->markup = true;
			break;
		}
		size_t n = (size_t)got;
		t->lines += wdl_xml_count_lines(buf, n);
		/* from the region's first byte past t->from */
		size_t skip = at >= t->from ? 0 : t->from - at < n ? (size_t)(t->from - at) : n;
		if (skip == 0 && prev == '<' && (buf[0] == '!' || buf[0] == '?'))
			t->markup = true;
		if (wdl_xml_find_unsplittable(buf + skip, n - skip) < n - skip)
			t->markup = true;
		prev = buf[n - 1];
		at += n;
	}
	wdl_free(buf);
	return NULL;
}

/* Cut an event-XML file into up to @p parts jobs at <Event> starts. Read
 * whole (0) when the file holds a comment, CDATA, PI or DOCTYPE anywhere
 * past its XML declaration (those are where text could look like an
 * <Event> without being one, and proving otherwise would take a pass of
 * the framer itself), a byte >= 0x80 or a BOM (the decoder may change
 * those, which moves the offsets of later parts). */
static size_t plan_xml_parts(const char *path, size_t input, unsigned parts,
			     uint64_t size, struct job *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	/* the head: past "<?xml ...?>", and is <Events> open before the
	 * first event? */
	char head[4096];
	ssize_t got = pread(fd, head, sizeof(head) - 1, 0);
	size_t h = got > 0 ? (size_t)got : 0, from = 0;
	head[h] = '\0';
	/* the decoder drops a BOM: every later offset would be 3 off */
	if (h >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
		close(fd);
		return 0;
	}
	if (h >= 5 && memcmp(head, "<?xml", 5) == 0) {
		const char *q = strstr(head, "?>");
		from = q ? (size_t)(q - head) + 2 : h;
	}
	const char *first = head + from;
	while ((first = memchr(first, '<', (size_t)(head + h - first))) != NULL &&
	       !xml_event_at(first, (size_t)(head + h - first)))
		first++;
	const char *root = memmem(head, first ? (size_t)(first - head) : h,
				  "<Events", 7);
	bool root_open = root && root + 8 <= head + h &&
			 (root[7] == '>' || root[7] == ' ' || root[7] == '\t' ||
			  root[7] == '\r' || root[7] == '\n');
	uint64_t starts[JOBS_MAX + 1];
	size_t n = 0;
	starts[n++] = 0;
	for (unsigned k = 1; first && k < parts && n < JOBS_MAX; k++) {
		uint64_t c = xml_cut_near(fd, size / parts * k);
		if (c > starts[n - 1] && c < size)
			starts[n++] = c;
	}
	starts[n] = size;
	if (n < 2) {
		close(fd);
		return 0;
	}
	/* newlines and markup of every region, side by side */
	struct xml_region tasks[JOBS_MAX];
	pthread_t th[JOBS_MAX];
	bool started[JOBS_MAX] = { false };
	for (size_t k = 0; k < n; k++) {
		tasks[k] = (struct xml_region){ .start = starts[k], .end = starts[k + 1],
						.from = from, .fd = fd };
		started[k] = k > 0 && pthread_create(&th[k], NULL, xml_region_worker,
						     &tasks[k]) == 0;
		if (k > 0 && !started[k])
			xml_region_worker(&tasks[k]);
	}
	xml_region_worker(&tasks[0]);
	bool markup = false;
	for (size_t k = 0; k < n; k++) {
		if (started[k])
			pthread_join(th[k], NULL);
		markup |= tasks[k].markup;
	}
	close(fd);
	if (markup)
		return 0;
	uint64_t line = 1;
	for (size_t k = 0; k < n; k++) {
		out[k] = (struct job){ .input = input, .part = true,
				       .first_part = k == 0 };
		out[k].range = (struct wdl_range){
			.start = starts[k], .first_line = line, .enc = WDL_ENC_UTF8,
			.xml = true, .end = k + 1 < n ? starts[k + 1] : 0,
			.root_open = root_open };
		line += tasks[k].lines;
	}
	return n;
}

/* The size from which a file is read in parts: SPLIT_MIN, or
 * WDILOG_SPLIT_BYTES from the environment (the CLI tests cut small files
 * with it, as the library's tests do with wdilog_options.split_bytes). */
static uint64_t split_min(void)
{
	const char *v = getenv("WDILOG_SPLIT_BYTES");
	char *end = NULL;
	unsigned long long n = v && *v ? strtoull(v, &end, 10) : 0;
	return n && end && !*end ? (uint64_t)n : SPLIT_MIN;
}

/* Cut one file into up to @p parts jobs at line starts. Returns the number
 * of jobs written to @p out (0: read it whole). */
static size_t plan_parts(const char *path, size_t input, unsigned parts,
			 const wdilog_options *opts, struct job *out)
{
	struct stat st;
	enum wdl_encoding enc;
	uint64_t min = opts->split_bytes ? opts->split_bytes : split_min();
	/* a --max-bytes limit counts from the start of the file: read whole */
	if (parts < 2 || opts->max_bytes || stat(path, &st) != 0 ||
	    (uint64_t)st.st_size < min)
		return 0;
	size_t nevtx = plan_evtx_parts(path, input, parts, out);
	if (nevtx)
		return nevtx;
	if (wdl_reader_xml_splittable(path, opts))
		return plan_xml_parts(path, input, parts, (uint64_t)st.st_size, out);
	if (!wdl_reader_splittable(path, opts, &enc))
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	uint64_t size = (uint64_t)st.st_size;
	uint64_t starts[65];
	size_t n = 0;
	starts[n++] = 0;
	for (unsigned k = 1; k < parts && n < JOBS_MAX; k++) {
		uint64_t s = next_line_start(fd, size / parts * k, size);
		if (s > starts[n - 1] && s < size)
			starts[n++] = s;
	}
	starts[n] = size;
	close(fd);
	/* no line is counted here: each part counts its own (read_job) */
	for (size_t k = 0; k < n; k++) {
		out[k] = (struct job){ .input = input, .part = true,
				       .first_part = k == 0 };
		out[k].range = (struct wdl_range){
			.start = starts[k], .end = k + 1 < n ? starts[k + 1] : 0,
			.enc = enc };
	}
	return n;
}

size_t wdl_report_plan_parts(const char *path, unsigned parts,
			     const wdilog_options *opts)
{
	struct job *out = wdl_calloc(JOBS_MAX, sizeof(*out));
	size_t n = out ? plan_parts(path, 0, parts, opts, out) : 0;
	wdl_free(out);
	return n;
}

static unsigned cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > JOBS_MAX ? JOBS_MAX : (unsigned)n;
}

/* Attempts of a part, made exact (doc/attempts.md, "-j and merge"). A
 * later part is read again, feeding only the main machine, up to the point
 * where the part found its own state settled; if the main machine's state
 * agrees there, the part's figures from that point on and its state at its
 * end are those of one pass (*adopt). A first part's state is right from
 * the start. Else (no sync point, states that differ, or a part past a
 * row cap, whose "other" rows may hold rows listed before it) the whole
 * part is fed again and its own figures are dropped. */
static int replay_part(wdilog_report *rep, struct run *run, struct job *j,
		       bool whole, bool *adopt, wdilog_error *err)
{
	struct wdl_attempts *p = &j->rep->attempts;
	whole = whole || wdl_attempts_overflowed(p) || !p->sync.reached;
	wdilog_options o = *run->opts;
	o.diag = NULL;              /* told once, by the part's own read */
	o.diag_payload = NULL;
	wdilog_reader *r;
	int rc = wdl_reader_open_range(&r, run->paths[j->input].path, &o,
				       &j->range, err);
	if (rc < 0)
		return rc;
	size_t idx = rep->ninputs - 1;
	uint64_t from = rep->attempts.fed;
	wdilog_event ev;
	for (;;) {
		if (!whole && rep->attempts.fed - from == p->sync.fed) {
			if (wdl_attempts_in_sync(&rep->attempts, p))
				break;
			whole = true;
		}
		rc = wdilog_reader_next(r, &ev, err);
		if (rc != WDILOG_OK)
			break;
		if (ev.line && relative_part(j))
			ev.line += j->line_base;
		rc = wdl_report_feed_attempts(rep, idx, &ev, err);
		if (rc < 0)
			break;
	}
	wdilog_reader_free(r);
	*adopt = !whole;
	if (whole)
		wdl_attempts_clear_figs(p);
	return rc < 0 ? rc : WDILOG_OK;
}

/* After a part's merge: the main machine goes on with the part's state,
 * and ends the input with its last part. */
static int carry_on(wdilog_report *rep, struct run *run, size_t j, bool adopt,
		    wdilog_error *err)
{
	struct job *job = job_at(run, j);
	size_t idx = rep->ninputs - 1;
	if (adopt)
		wdl_attempts_adopt(&rep->attempts, &job->rep->attempts, idx,
				   rep->inputs[idx].path);
	bool last = j + 1 == run->njobs || job_at(run, j + 1)->input != job->input;
	if (last && !wdl_attempts_end_input(&rep->attempts))
		return wdl_fail_oom(err);
	return WDILOG_OK;
}

/* A merged job's report: kept for a later job while there is room. */
static void keep_spare(struct run *run, wdilog_report *rep)
{
	if (rep && run->threaded) {
		pthread_mutex_lock(&run->lock);
		bool kept = run->nspare < sizeof(run->spare) / sizeof(run->spare[0]);
		if (kept)
			run->spare[run->nspare++] = rep;
		pthread_mutex_unlock(&run->lock);
		if (kept)
			return;
	}
	wdilog_report_free(rep);
}

/* Tell the caller about a whole input: read, skipped, or not read. */
static void tell_done(struct run *run, const struct job *job, int status,
		      const wdilog_error *why, wdilog_input_fn done,
		      void *payload)
{
	if (done)
		done(run->paths[job->input].path, status, why, payload);
}

/* Merge a batch led by job @p j (whole files of a directory read into its
 * one report, in input order) as its jobs one by one would be merged. */
static int merge_batch(wdilog_report *rep, struct run *run, size_t j,
		       wdilog_input_fn done, void *payload, wdilog_error *err)
{
	struct job *lead = job_at(run, j);
	size_t nbatch = lead->nbatch, listed = rep->ninputs;
	bool any = false;
	for (size_t x = 0; x < nbatch; x++)
		any |= !job_at(run, j + x)->skipped;
	wdilog_error why_merge = { 0 };
	int rc = WDILOG_OK;
	if (any && !flush_log(lead))
		rc = wdl_fail_oom(&why_merge);
	if (rc >= 0 && any)
		rc = wdl_report_merge_job(rep, lead->rep, false, &why_merge);
	if (rc < 0 && err)
		*err = why_merge;
	for (size_t x = 0; x < nbatch; x++) {
		struct job *m = job_at(run, j + x);
		if (m->skipped)
			continue;
		/* the input's own error: it was read but is not in the report */
		if (rc < 0 && m->status >= 0) {
			m->status = rc;
			*job_err(m) = why_merge;
			job_err(m)->input = run->paths[m->input].path;
		}
		/* no memory to list it in the batch, or the merge failed */
		if (m->status < 0 && (m->unlisted || rep->ninputs == listed))
			wdilog_report_add_unreadable(rep, run->paths[m->input].path,
						     job_err(m), NULL);
	}
	keep_spare(run, lead->rep);
	lead->rep = NULL;
	wdl_free(lead->log);
	lead->log = NULL;
	for (size_t x = 0; x < nbatch; x++) {
		struct job *m = job_at(run, j + x);
		int status = m->skipped ? WDILOG_DONE : WDILOG_OK;
		const wdilog_error *why = m->passed_over ? job_err(m) : NULL;
		if (m->status < 0) {
			status = m->status;
			why = job_err(m);
		}
		tell_done(run, m, status, why, done, payload);
	}
	return rc;
}

/* Merge job @p j into the report; tell the caller when an input is whole. */
static int merge_job(wdilog_report *rep, struct run *run, size_t j,
		     wdilog_input_fn done, void *payload, wdilog_error *err)
{
	struct job *job = job_at(run, j);
	if (job->nbatch > 1)
		return merge_batch(rep, run, j, done, payload, err);
	const char *path = run->paths[job->input].path;
	size_t listed = rep->ninputs;
	tell_repair(run, job);
	wdilog_error why_merge = { 0 };
	int rc = WDILOG_OK;
	/* its failures to the burst detector, in order, then the rest */
	if (job->rep && !job->skipped && !flush_log(job))
		rc = wdl_fail_oom(&why_merge);
	/* a relative part: its lines made whole, then its diagnostics */
	flush_diags(job);
	wdl_free(job->diags);
	job->diags = NULL;
	if (job->rep && relative_part(job))
		shift_lines(job->rep, job->line_base);
	struct job *after = j + 1 < run->njobs ? job_at(run, j + 1) : NULL;
	if (job->part && after && after->part && after->input == job->input)
		after->line_base = (job->first_part ? 0 : job->line_base) +
				   job->lines;
	/* attempts of a part: carried on from the part before */
	bool carry = job->rep && job->part && job->status >= 0 &&
		     job->rep->attempts.keep_open;
	bool adopt = false, again = false;
	if (rc >= 0 && carry && !job->first_part)
		rc = replay_part(rep, run, job, false, &adopt, &why_merge);
	if (carry && job->first_part) {
		/* right from the start, unless past a row cap: then read
		 * again whole once its input is listed */
		again = wdl_attempts_overflowed(&job->rep->attempts);
		if (again)
			wdl_attempts_clear_figs(&job->rep->attempts);
		adopt = !again;
	}
	if (carry)
		job->rep->attempts.exact = true;
	if (rc >= 0 && job->rep && !job->skipped)
		rc = wdl_report_merge_job(rep, job->rep,
					  job->part && !job->first_part,
					  &why_merge);
	if (rc >= 0 && again)
		rc = replay_part(rep, run, job, true, &adopt, &why_merge);
	/* (a part that failed to read ends its input's attempts as read) */
	if (rc >= 0 && job->rep && job->rep->attempts.keep_open)
		rc = carry_on(rep, run, j, adopt, &why_merge);
	if (rc < 0) {
		/* the input's own error: it was read but is not in the
		 * report */
		if (job->status >= 0) {
			job->status = rc;
			*job_err(job) = why_merge;
			job_err(job)->input = path;
		}
		if (err)
			*err = why_merge;
	}
	/* a job that failed before or during its merge (no memory for its
	 * report) still lists its input, with its own error */
	if (run->threaded && !job->skipped && job->status < 0 &&
	    rep->ninputs == listed && (!job->part || job->first_part))
		wdilog_report_add_unreadable(rep, path, job_err(job), NULL);
	keep_spare(run, job->rep);
	job->rep = NULL;
	wdl_free(job->log);
	job->log = NULL;
	bool last_part = !after || after->input != job->input;
	if (!last_part)
		return rc;
	/* an input is told once, with the first failure among its parts */
	int status = job->skipped ? WDILOG_DONE : WDILOG_OK;
	const wdilog_error *why = job->passed_over ? job_err(job) : NULL;
	for (size_t k = j + 1; k-- > 0 && job_at(run, k)->input == job->input;) {
		if (job_at(run, k)->status < 0) {
			status = job_at(run, k)->status;
			why = job_err(job_at(run, k));
		}
	}
	if (done)
		done(run->paths[job->input].path, status, why, payload);
	return rc;
}

/* Plan the run's jobs: a job a path, and a job a part of each file cut
 * in parts (large files named, not found in a directory, read with
 * several @p jobs). False when out of memory. */
static bool plan(struct run *run, unsigned jobs)
{
	for (size_t i = 0; i < run->npaths; i++) {
		const wdilog_path *p = &run->paths[i];
		if (jobs < 2 || p->from_directory) {
			run->njobs++;
			continue;
		}
		if (!wdl_reserve((void **)&run->part_jobs, &run->parts_cap,
				 run->nparts + JOBS_MAX, sizeof(*run->part_jobs),
				 JOBS_MAX))
			return false;
		size_t parts = plan_parts(p->path, i, jobs, run->opts,
					  run->part_jobs + run->nparts);
		if (parts == 0) {
			run->njobs++;
			continue;
		}
		if (!wdl_reserve((void **)&run->splits, &run->splits_cap,
				 run->nsplits + 1, sizeof(*run->splits), 8))
			return false;
		run->splits[run->nsplits++] = (struct split){ i, run->nparts, parts };
		run->nparts += parts;
		run->njobs += parts;
	}
	return true;
}

/* What the run holds besides its threads: its lock for diagnostics, the
 * ring, the slots and the plan. */
static void run_dispose(struct run *run)
{
	pthread_mutex_destroy(&run->diag_lock);
	wdl_free(run->ring);
	wdl_free(run->slots);
	wdl_free(run->splits);
	wdl_free(run->part_jobs);
}

/* No memory for the ring, the slots or the plan: nothing can be read,
 * but every input is still listed (if memory allows) and told, each with
 * the error. */
static int none_read(wdilog_report *rep, const wdilog_path *paths, size_t n,
		     wdilog_input_fn done, void *payload, wdilog_error *err)
{
	wdilog_error why = { 0 };
	int rc = wdl_fail_oom(&why);
	for (size_t i = 0; i < n; i++) {
		why.input = paths[i].path;
		wdilog_report_add_unreadable(rep, paths[i].path, &why, NULL);
		if (done)
			done(paths[i].path, rc, &why, payload);
	}
	return wdl_fail_oom(err);
}

int wdilog_report_read_paths(wdilog_report *rep, const wdilog_path *paths,
			     size_t n, unsigned jobs, const wdilog_options *opts,
			     wdilog_input_fn done, void *payload,
			     wdilog_error *err)
{
	wdilog_options local;
	if (opts)
		local = *opts;
	else
		wdilog_options_init(&local);
	/* an attempt stream needs the WLAN-AutoConfig events read whole */
	if (rep->attempts.fn)
		local.attempt_signals = true;
	if (jobs == 0)
		jobs = cores();
	/* an event or attempt stream must come in input order, and a time of day in the
	 * window is taken from the first timed record: both need one pass */
	if (rep->event_fn || rep->attempts.fn || rep->window.since.time_of_day ||
	    rep->window.until.time_of_day)
		jobs = 1;
	struct run run = { .main = rep, .window = rep->window, .paths = paths,
			   .opts = &local,
			   .user_diag = local.diag,
			   .user_payload = local.diag_payload };
	if (jobs > 1 && local.diag) {
		local.diag = locked_diag;
		local.diag_payload = &run;
	}
	/* before the plan: planning parts may tell diagnostics */
	pthread_mutex_init(&run.diag_lock, NULL);
	run.npaths = n;
	run.ring = wdl_malloc(RING * sizeof(*run.ring));
	run.slots = wdl_malloc(SLOTS * sizeof(*run.slots));
	if (!run.ring || !run.slots || !plan(&run, jobs)) {
		run_dispose(&run);
		return none_read(rep, paths, n, done, payload, err);
	}
	/* every input is listed: their rows made at once (a row fewer
	 * only means it grows as before) */
	wdl_report_reserve_inputs(rep, rep->ninputs + n);
	int rc = WDILOG_OK;
	if (jobs == 1 || run.njobs == 1) {
		/* one job at a time: read straight into the report, with its
		 * event callback and window, in order */
		/* after a failure (out of memory) the rest is still read, so
		 * that every input is listed and told with its own result;
		 * the first failure is the one returned */
		struct wdl_reader_cache cache = { 0 };
		for (size_t j = 0; j < run.njobs; j++) {
			/* it and the next (merge_job looks at it) */
			make_jobs(&run, j + 2);
			struct job *job = job_at(&run, j);
			int jrc = read_direct(rep, &run, job, &cache,
					      rc >= 0 ? err : NULL);
			int mrc = merge_job(rep, &run, j, done, payload,
					    rc >= 0 && jrc >= 0 ? err : NULL);
			if (rc >= 0)
				rc = jrc < 0 ? jrc : mrc;
		}
		wdl_reader_cache_dispose(&cache);
		run_dispose(&run);
		return rc;
	}
	run.threaded = true;

	/* libxml2 sets up its global state on first use, which is not safe
	 * from several threads at once: do it here, before any worker */
	xmlInitParser();
	pthread_mutex_init(&run.lock, NULL);
	pthread_cond_init(&run.changed, NULL);
	run.done = done;
	run.done_payload = payload;
	wdl_att_list_room(&rep->att_list, &run.list_att_room,
			  &run.list_sess_room);
	run.rc = WDILOG_OK;
	run.err = err;
	make_jobs(&run, WINDOW + 1);
	/* the calling thread is one of the @p jobs: it reads and merges too
	 * (if no thread starts, it does everything) */
	pthread_t th[JOBS_MAX];
	unsigned nth = 0;
	for (; nth + 1 < jobs && nth < JOBS_MAX && nth + 1 < run.njobs; nth++)
		if (pthread_create(&th[nth], NULL, worker, &run) != 0)
			break;
	work(&run, true);
	rc = run.rc;
	for (unsigned t = 0; t < nth; t++)
		pthread_join(th[t], NULL);
	while (run.nspare)
		wdilog_report_free(run.spare[--run.nspare]);
	pthread_mutex_destroy(&run.lock);
	pthread_cond_destroy(&run.changed);
	run_dispose(&run);
	return rc;
}
