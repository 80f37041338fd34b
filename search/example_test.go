package search_test

import (
	"fmt"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

var exampleNotes = []byte(`# Monitoring

- EventBridge rules route events to targets such as Lambda functions.
- SNS topics fan a message out to email and SMS subscribers.
- An ASG can keep instances in Pending:Wait with a lifecycle hook.
`)

// Build indexes snippets in memory; Search answers a question with the
// best snippets, ranked, and what to show with them. "cloudwatch events"
// is EventBridge's former name: the thesaurus finds it.
func ExampleEngine_Search() {
	th, err := search.NewThesaurus()
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := search.Build(corpus.ParseMarkdown("notes.md", exampleNotes), th)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	ans, err := e.Search("cloudwatch events rule", search.Options{Limit: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range ans.Results {
		fmt.Printf("%d %s:%d %s %v\n", r.Rank, r.Snippet.Source, r.Snippet.Line, r.Snippet.Text, r.Services)
	}
	// Output: 1 notes.md:3 EventBridge rules route events to targets such as Lambda functions. [EventBridge Lambda]
}

// Rank scores snippets without decorating them, for callers that need
// only the order; Answer decorates a ranking for showing. A nil thesaurus
// means the built-in one.
func ExampleEngine_Rank() {
	e, err := search.Build(corpus.ParseMarkdown("notes.md", exampleNotes), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	r, err := e.Rank("auto scaling group lifecycle hook", search.Options{Limit: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Hits[0].Snippet.Line, r.Hits[0].Index)
	ans := e.Answer(r)
	res := ans.Results[0]
	for _, m := range res.Matches {
		fmt.Printf("%q ", res.Snippet.Text[m.Start:m.End])
	}
	fmt.Println()
	// Output:
	// 5 2
	// "ASG" "lifecycle" "hook"
}

// A question with nothing to search for is an error callers can match.
func ExampleNothingError() {
	e, err := search.Build(corpus.ParseMarkdown("notes.md", exampleNotes), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	_, err = e.Search("the of and", search.Options{})
	fmt.Println(err)
	// Output: nothing to search for in "the of and"
}

// Service gathers everything the notes say about one AWS service, by any
// of its names.
func ExampleEngine_Service() {
	e, err := search.Build(corpus.ParseMarkdown("notes.md", exampleNotes), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	rep, err := e.Service("sns")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Service.Name)
	for _, sec := range rep.Sections {
		for _, s := range sec.Snippets {
			fmt.Println(sec.Heading, s.Line, s.Text)
		}
	}
	// Output:
	// SNS
	// [Monitoring] 4 SNS topics fan a message out to email and SMS subscribers.
}
