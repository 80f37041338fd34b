package cmd

import (
	"math"
	"os"
	"runtime/debug"
)

// runsLong turns the garbage collector back on, with Go's defaults, for a
// command that keeps running (the interactive session, index): main turns
// it off for one-shot commands. GOGC and GOMEMLIMIT, when set, win.
func runsLong() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
