// Command crib asks your study notes a question from the shell.
package main

import (
	"os"
	"runtime/debug"

	"github.com/crib-dev/crib/cmd"
)

// oneShotMemoryLimit bounds the heap of a command run without the
// collector: past it, the collector runs after all.
const oneShotMemoryLimit = 1 << 30

func main() {
	// A question allocates a few MiB and exits: collecting them costs a
	// one-shot command about a fifth of its CPU and frees nothing it
	// needs. Commands that run long (the interactive session, index) turn
	// the collector back on (cmd.runsLong), and so do builds (search).
	// GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(oneShotMemoryLimit)
		}
	}
	os.Exit(cmd.Main())
}
