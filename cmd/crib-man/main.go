// Command crib-man writes crib's man pages, one per command, from the
// Cobra command tree: `make man` runs it into ./man.
//
//	go run ./cmd/crib-man [-dir man]
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/crib-dev/crib/cmd"
)

func main() {
	dir := flag.String("dir", "man", "folder to write the man pages to")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "crib-man:", err)
		os.Exit(2)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := cmd.NewCmdRoot(cmd.System())
	root.DisableAutoGenTag = true
	escapePlaceholders(root)
	header := &doc.GenManHeader{Title: "CRIB", Section: "1", Manual: "crib manual", Source: "crib " + root.Version, Date: buildDate()}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("write man pages: %w", err)
	}
	fmt.Printf("crib-man: wrote man pages to %s/\n", dir)
	return nil
}

// escapePlaceholders keeps <placeholders> in usage lines and help text,
// which the markdown step of the man generator would take for HTML tags,
// and ends each page's description with crib's licence.
func escapePlaceholders(c *cobra.Command) {
	c.Use = strings.NewReplacer("<", "", ">", "").Replace(c.Use)
	c.Long = strings.ReplaceAll(c.Long, "<", `\<`)
	if c.Long == "" {
		c.Long = c.Short + "."
	}
	c.Long += "\n\ncrib is free software under the " + cmd.License + ". See the file LICENSE that comes with it."
	for _, sub := range c.Commands() {
		escapePlaceholders(sub)
	}
}

// buildDate honours SOURCE_DATE_EPOCH, so that pages can be rebuilt
// byte for byte.
func buildDate() *time.Time {
	t := time.Now().UTC()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			t = time.Unix(n, 0).UTC()
		}
	}
	return &t
}
