package check

import (
	"regexp"
	"sync"
)

// lazyRE returns expr compiled when first used: every crib command links
// this package, and compiling its patterns at start was 2% of a one-shot
// question that never uses them.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
