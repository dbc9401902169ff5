/* Fuzz target: the text parser (wpp-text, plain-text, eventlog-text)
 * behind the real input and decode stages. The first byte is a control
 * byte (see fuzz_parser_target); the rest is the file. Checks that the
 * fast path agrees with full_parse, that read and window sizes change
 * nothing, and that a window too small for a line stays within bounds. */
#include "fuzz_stack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_parser_target(data, size, false);
	return 0;
}
