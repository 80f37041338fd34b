// Command crib asks your study notes a question from the shell.
package main

import (
	"os"

	"github.com/crib-dev/crib/cmd"
)

func main() {
	os.Exit(cmd.Main())
}
