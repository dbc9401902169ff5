/* The byte classes behind span.h's word, digit and hex tests: one table,
 * so every stage agrees on what a word character is. */
#include "util/span.h"

#define W WDL_C_WORD
#define D (WDL_C_WORD | WDL_C_DIGIT | WDL_C_HEX)
#define H (WDL_C_WORD | WDL_C_HEX)
const unsigned char wdl_char_class[256] = {
	['0'] = D, ['1'] = D, ['2'] = D, ['3'] = D, ['4'] = D,
	['5'] = D, ['6'] = D, ['7'] = D, ['8'] = D, ['9'] = D,
	['A'] = H, ['B'] = H, ['C'] = H, ['D'] = H, ['E'] = H, ['F'] = H,
	['a'] = H, ['b'] = H, ['c'] = H, ['d'] = H, ['e'] = H, ['f'] = H,
	['G'] = W, ['H'] = W, ['I'] = W, ['J'] = W, ['K'] = W, ['L'] = W,
	['M'] = W, ['N'] = W, ['O'] = W, ['P'] = W, ['Q'] = W, ['R'] = W,
	['S'] = W, ['T'] = W, ['U'] = W, ['V'] = W, ['W'] = W, ['X'] = W,
	['Y'] = W, ['Z'] = W,
	['g'] = W, ['h'] = W, ['i'] = W, ['j'] = W, ['k'] = W, ['l'] = W,
	['m'] = W, ['n'] = W, ['o'] = W, ['p'] = W, ['q'] = W, ['r'] = W,
	['s'] = W, ['t'] = W, ['u'] = W, ['v'] = W, ['w'] = W, ['x'] = W,
	['y'] = W, ['z'] = W, ['_'] = W,
};
#undef W
#undef D
#undef H
