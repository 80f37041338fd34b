package index

import (
	"slices"
	"strings"

	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	blevedocument "github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// fieldOptions are the options newMapping gives every field: indexed with
// term vectors, not stored, no doc values.
const fieldOptions = bleveindex.IndexField | bleveindex.IncludeTermVectors

// docMaker makes the bleve documents of snippets, as newMapping would, and
// counts their vocabulary, analysing each text once: bleve's mapping ran
// the analyzer once for the text field, again for the parts field, and
// the vocabulary a third time over text and headings. A heading path or a
// context is analysed once for the run of snippets that share it (every
// item of a section shares its headings). Each indexing worker has its
// own maker; it is not safe for concurrent use.
type docMaker struct {
	voc              *Vocabulary
	seen             termSet // the terms of the snippet being counted
	heading, context sharedField
	analysed         Analysed // see Write
}

func newDocMaker() *docMaker {
	v := NewVocabulary()
	v.counted = true
	return &docMaker{voc: v}
}

// sharedField is the analysis of the last heading path or context seen.
type sharedField struct {
	valid  bool
	parts  []string
	joined string // the parts joined by " / ", as the index holds them
	value  []byte // joined, shared read-only by the documents
	toks   []analysis.Token
	stream bleveanalysis.TokenStream
}

func (f *sharedField) analyse(parts []string) {
	if f.valid && slices.Equal(parts, f.parts) {
		return
	}
	f.valid, f.parts = true, parts
	f.joined = strings.Join(parts, " / ")
	f.value = []byte(f.joined)
	f.toks = analysis.Analyze(f.joined)
	f.stream = bleveTokens(f.toks, func(analysis.Token) bool { return true })
}

// document returns snippet s as bleve's mapping would index it under
// DocID(i) less its fields without terms (see
// TestDocMakerAgreesWithMapping), and counts its words.
func (m *docMaker) document(i int, s corpus.Snippet) *blevedocument.Document {
	toks := analysis.Analyze(s.Text)
	if m.analysed != nil {
		m.analysed(i, toks)
	}
	m.heading.analyse(s.Heading)
	m.context.analyse(s.Context)
	m.count(s.Text, toks)
	value := []byte(s.Text)
	doc := blevedocument.NewDocument(DocID(i))
	addField(doc, FieldText, value, bleveTokens(toks, func(t analysis.Token) bool { return !t.Part }))
	addField(doc, FieldParts, value, bleveTokens(toks, func(t analysis.Token) bool { return t.Part }))
	addField(doc, FieldContext, m.context.value, m.context.stream)
	addField(doc, FieldHeading, m.heading.value, m.heading.stream)
	doc.SetIndexed()
	return doc
}

// addField adds a field that has terms. A field without any is left out:
// it adds no posting, so no question can tell, and no statistic counts it
// (fieldStats counts distinct terms), but bleve spent a map, a field and
// its visits on it. Most snippets of a long list have no parts, context
// or heading: leaving them out took a third off indexing a million items.
func addField(doc *blevedocument.Document, name string, value []byte, toks bleveanalysis.TokenStream) {
	if len(toks) > 0 {
		doc.AddField(textField(name, value, toks))
	}
}

// count counts the words of one snippet, as Vocabulary.add does with its
// text and headings analysed together.
func (m *docMaker) count(text string, toks []analysis.Token) {
	m.seen.reset()
	m.voc.countSpan(text, toks, &m.seen)
	if len(m.heading.parts) == 0 {
		return
	}
	// Analysed after the text, the headings start inside code when the
	// text leaves a backquote open; a leading one has the same effect.
	// How the parts are joined does not matter: a space ends a word, and
	// "/" between spaces is none.
	if strings.Count(text, "`")%2 == 1 {
		h := "`" + m.heading.joined
		m.voc.countSpan(h, analysis.Analyze(h), &m.seen)
		return
	}
	m.voc.countSpan(m.heading.joined, m.heading.toks, &m.seen)
}

// textField is a field of the document newMapping makes, its tokens
// analysed already.
func textField(name string, value []byte, toks bleveanalysis.TokenStream) *blevedocument.TextField {
	return blevedocument.NewTextFieldCustom(name, []uint64{}, value, fieldOptions, preAnalyzed(toks))
}

// preAnalyzed is an analyzer that returns the tokens it holds, whatever it
// is given: the field's text was analysed before the document was made.
type preAnalyzed bleveanalysis.TokenStream

func (p preAnalyzed) Analyze([]byte) bleveanalysis.TokenStream { return bleveanalysis.TokenStream(p) }

// bleveTokens converts the tokens keep accepts, as bleveAnalyzer does,
// allocating them together.
func bleveTokens(toks []analysis.Token, keep func(analysis.Token) bool) bleveanalysis.TokenStream {
	n, size := 0, 0
	for _, t := range toks {
		if keep(t) {
			n, size = n+1, size+len(t.Term)
		}
	}
	all := make([]bleveanalysis.Token, 0, n)
	terms := make([]byte, 0, size)
	out := make(bleveanalysis.TokenStream, 0, n)
	for _, t := range toks {
		if !keep(t) {
			continue
		}
		at := len(terms)
		terms = append(terms, t.Term...)
		all = append(all, bleveanalysis.Token{Term: terms[at:len(terms):len(terms)], Position: t.Pos, Start: t.Start, End: t.End, Type: bleveanalysis.AlphaNumeric})
		out = append(out, &all[len(all)-1])
	}
	return out
}
