package check_test

import (
	"fmt"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/check"
)

// ParseQuestion splits a pasted practice question into its stem and
// options; a Checker weighs each option by the notes behind it.
func ExampleChecker_Check() {
	notes := []byte(`# Elastic Beanstalk

- All at once is the fastest deployment policy, but it causes downtime.
- Immutable deployments launch a new Auto Scaling group and allow a fast rollback.
`)
	e, err := search.Build(corpus.ParseMarkdown("notes.md", notes), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	q, err := check.ParseQuestion("Which Elastic Beanstalk deployment policy is the fastest?\nA. Immutable\nB. All at once")
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := check.New(e).Check(q)
	if err != nil {
		fmt.Println(err)
		return
	}
	best := res.Options[0]
	fmt.Printf("%s. %s: %s\n", best.Letter, best.Text, best.Support[0].Snippet.Text)
	// Output: B. All at once: All at once is the fastest deployment policy, but it causes downtime.
}
