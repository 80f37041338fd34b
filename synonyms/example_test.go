package synonyms_test

import (
	"fmt"
	"strings"

	"github.com/crib-dev/crib/synonyms"
)

// ParseSolr reads a synonyms file; Compile turns its rules into a
// dictionary over analysed terms (strings.Fields stands in for crib's
// analyzer here); Expand finds the dictionary's phrases in a question.
func ExampleCompile() {
	rules, err := synonyms.ParseSolr("mine.txt", []byte(`
# equivalent: each finds the others
blue green deployment, red black deployment
# one-way: a question saying "page" also looks for sns
page => sns
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	d := synonyms.Compile(rules, strings.Fields)
	question := strings.Fields("page me after a blue green deployment")
	for _, m := range d.Expand(question) {
		fmt.Printf("%q also looks for %q\n", strings.Join(question[m.Start:m.End], " "), m.Alts)
	}
	// Output:
	// "page" also looks for [["sns"]]
	// "blue green deployment" also looks for [["red" "black" "deployment"]]
}

// A malformed line is reported with its file and line.
func ExampleParseSolr_error() {
	_, err := synonyms.ParseSolr("mine.txt", []byte("ok, fine\nlonely\n"))
	fmt.Println(err)
	// Output: mine.txt:2: a synonym line needs at least two terms separated by commas, or "=>": "lonely"
}

// The service catalogue knows every AWS service's names and related
// services.
func ExampleCatalog_Lookup() {
	cat, err := synonyms.BuiltinCatalog()
	if err != nil {
		fmt.Println(err)
		return
	}
	svc, ok := cat.Lookup("cloudwatch events")
	fmt.Println(ok, svc.Name)
	// Output: true EventBridge
}
