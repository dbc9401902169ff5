#include <stdio.h>
#include <wdilog/wdilog.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "-";    /* "-" is stdin */
	wdilog_options opts;
	wdilog_report *rep = NULL;
	wdilog_reader *r = NULL;
	wdilog_error err = { 0 };

	wdilog_options_init(&opts);     /* default keys, month-first dates */
	int rc = wdilog_report_new(&rep, &opts, &err);
	if (rc == WDILOG_OK)
		rc = wdilog_reader_open_path(&r, path, &opts, &err);
	if (rc == WDILOG_OK)            /* every event of one input */
		rc = wdilog_report_read(rep, r, &err);
	if (rc == WDILOG_OK)
		rc = wdilog_report_render_json(rep, stdout, &err);
	if (rc < 0)
		fprintf(stderr, "%s: %s (%s)\n", path, err.message,
			wdilog_status_name(rc));
	wdilog_reader_free(r);          /* both accept NULL */
	wdilog_report_free(rep);
	return rc < 0 ? 2 : 0;
}
