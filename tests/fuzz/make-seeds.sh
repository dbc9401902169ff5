#!/bin/sh
# Rebuild the sample-derived seeds of the targets that take a control byte
# (fuzz_parse_text, fuzz_parse_xml, fuzz_input): each sample with one
# control byte in front, a different one per file so the seeds cover the
# settings (see fuzz_parser_target and fuzz_input.c). Handmade seeds and
# findings (files not named sample-*) are left alone. The raw targets
# (fuzz_detect, fuzz_reader) read samples/ directly.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
samples=$here/../../samples
ctls='00 5a a7 3c f1 96 0f c3 68 e4 2b 81'

seed() { # target ctl-hex sample
	printf "\\$(printf '%03o' "0x$2")" >"$here/corpus/$1/sample-$(basename "$3")"
	cat "$3" >>"$here/corpus/$1/sample-$(basename "$3")"
}

for t in fuzz_parse_text fuzz_parse_xml fuzz_input; do
	mkdir -p "$here/corpus/$t"
	rm -f "$here/corpus/$t"/sample-*
	set -- $ctls
	for f in "$samples"/*; do
		case $f in *.md) continue ;; esac
		case $t:$f in
		fuzz_parse_text:*.xml | fuzz_parse_xml:*.txt | fuzz_parse_xml:*.gz) continue ;;
		esac
		ctl=$1
		case $f in # bit 1 of the text target's byte: eventlog mode
		*eventlog*) ctl=$(printf '%02x' $((0x$ctl | 2))) ;;
		esac
		seed "$t" "$ctl" "$f"
		shift
		[ $# -gt 0 ] || set -- $ctls
	done
done
