package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/crib-dev/crib/corpus"
)

// ExampleLoadWith loads a notes folder, leaving out what its .gitignore
// and an exclude pattern name, and gets the bytes a cache keys on.
func ExampleLoadWith() {
	root, _ := os.MkdirTemp("", "notes")
	defer os.RemoveAll(root)
	for name, data := range map[string]string{
		"aws.md":          "# EC2\n- ASG lifecycle hooks\n  - `Pending:Wait`\n",
		"drafts/todo.md":  "- unfinished",
		"scratch.md":      "- scratch",
		".gitignore":      "drafts/\n",
		"code/deploy.md":  "```sh\naws deploy push \\\n  --s3-location s3://b/k\n```\n",
		".git/COMMIT.md":  "- hidden folders are always skipped",
		"archive/2019.md": "- old",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	opts := corpus.LoadOptions{Exclude: []string{"scratch.md", "/archive/"}}
	snippets, warnings, err := corpus.LoadWith([]string{root}, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range snippets {
		rel, _ := filepath.Rel(root, s.Source)
		fmt.Printf("%s:%d %q heading=%q context=%q\n", filepath.ToSlash(rel), s.Line, s.Text, s.Heading, s.Context)
	}
	fmt.Println(len(warnings), "warnings")
	key, _ := corpus.ExcludeFingerprint([]string{root}, opts)
	fmt.Println(len(key) > 0)
	// Output:
	// aws.md:2 "ASG lifecycle hooks" heading=["EC2"] context=[]
	// aws.md:3 "`Pending:Wait`" heading=["EC2"] context=["ASG lifecycle hooks"]
	// code/deploy.md:2 "aws deploy push \\\n  --s3-location s3://b/k" heading=[] context=[]
	// 0 warnings
	// true
}

// ExampleParseMarkdown shows front matter tags on every snippet, the
// context of nested items and a code block that keeps its lines. A
// fence below a list, even unindented after a blank line, has the open
// items as its context: in notes it usually belongs to the item above.
func ExampleParseMarkdown() {
	notes := "---\ntags: [aws, ci-cd]\n---\n# CodeDeploy\n- Hooks:\n  - `BeforeInstall`\n\n```yaml\nhooks:\n  BeforeInstall:\n    - location: stop.sh\n```\n"
	for _, s := range corpus.ParseMarkdown("deploy.md", []byte(notes)) {
		fmt.Printf("%d %q context=%q tags=%q\n", s.Line, s.Text, s.Context, s.Tags)
	}
	// Output:
	// 5 "Hooks:" context=[] tags=["aws" "ci-cd"]
	// 6 "`BeforeInstall`" context=["Hooks:"] tags=["aws" "ci-cd"]
	// 9 "hooks:\n  BeforeInstall:\n    - location: stop.sh" context=["Hooks:" "`BeforeInstall`"] tags=["aws" "ci-cd"]
}

// Embedded returns crib's built-in notes, already parsed; their sources
// start with EmbeddedPrefix.
func ExampleEmbedded() {
	snippets := corpus.Embedded()
	fmt.Println(len(snippets) > 0, snippets[0].Source[:len(corpus.EmbeddedPrefix)])
	// Output: true crib:
}
