package cmd

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// questionArgs lets a question hold -word exclusions after its first
// word: `crib deploy -beanstalk` asks "deploy -beanstalk" instead of
// failing on an unknown flag -b. When the arguments go to the ask
// command and hold a -word that is no flag of it, the flags are put
// first and the words of the question after "--", in their order;
// other arguments are returned as they are. A -word before the first
// word of the question is left alone: it reads as a flag, and the error
// says to put -- before it.
func questionArgs(root *cobra.Command, args []string) []string {
	c, _, err := root.Find(args)
	if err != nil || (c != root && c.Name() != "ask") {
		return args
	}
	fs := c.Flags()
	orig := args
	var flags, words []string
	if c != root {
		flags = append(flags, args[0]) // the command's name
		args = args[1:]
	}
	moved := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case len(words) > 0 && isDashWord(fs, a):
			words = append(words, a)
			moved = true
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			words = append(words, a)
		}
	}
	if !moved {
		return orig
	}
	return append(append(flags, "--"), words...)
}

// isDashWord reports whether a is a -word of a question rather than a
// flag: one dash, then a letter or digit and at least one more character,
// and no shorthand flag that could read it (-n3 and -C2 are flags;
// -beanstalk and -ntp are words; -h and -v stay flags), or one dash and
// a quoted phrase (-"elastic beanstalk": no flag starts with a quote).
func isDashWord(fs *pflag.FlagSet, a string) bool {
	if len(a) < 3 || a[0] != '-' || a[1] == '-' {
		return false
	}
	if a[1] == '"' {
		return true
	}
	r, n := utf8.DecodeRuneInString(a[1:])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	f := fs.ShorthandLookup(string(r))
	if f == nil || n != 1 {
		return true
	}
	rest := strings.TrimPrefix(a[1+n:], "=")
	switch {
	case rest == "":
		return false
	case f.Value.Type() == "int":
		_, err := strconv.Atoi(rest)
		return err != nil
	case f.Value.Type() == "bool":
		return true
	}
	return false
}

// takesValue reports whether flag a reads the next argument as its value.
func takesValue(fs *pflag.FlagSet, a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	var f *pflag.Flag
	if strings.HasPrefix(a, "--") {
		f = fs.Lookup(a[2:])
	} else if len(a) == 2 {
		f = fs.ShorthandLookup(a[1:])
	}
	return f != nil && f.Value.Type() != "bool" && f.NoOptDefVal == ""
}
