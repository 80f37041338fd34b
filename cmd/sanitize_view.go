package cmd

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/check"
	"github.com/crib-dev/crib/synonyms"
)

// The results a command prints, made visible: copies, so that the
// answers a practice session keeps are not changed, with highlight spans
// moved along with the text they mark.

func visibleAnswer(a *search.Answer) *search.Answer {
	out := *a
	out.Question = visible(a.Question)
	out.Services = visibleLines(a.Services)
	out.Related = visibleRelated(a.Related)
	out.Results = make([]search.Result, len(a.Results))
	for i, r := range a.Results {
		r.Snippet, r.Matches = visibleSnippet(r.Snippet, r.Matches)
		r.Services = visibleLines(r.Services)
		r.Children = visibleAll(r.Children)
		r.Explain = append([]search.Contribution(nil), r.Explain...)
		for j := range r.Explain {
			c := &r.Explain[j]
			c.Share, c.Field, c.Term, c.Kind, c.Origin = visible(c.Share), visible(c.Field), visible(c.Term), visible(c.Kind), visible(c.Origin)
		}
		out.Results[i] = r
	}
	if a.Corrections != nil {
		out.Corrections = make(map[string]string, len(a.Corrections))
		for k, v := range a.Corrections {
			out.Corrections[visible(k)] = visible(v)
		}
	}
	return &out
}

func visibleCheck(r *check.Result) *check.Result {
	q := *r.Question
	q.Stem = visible(q.Stem)
	q.Options = append([]check.Option(nil), q.Options...)
	for i := range q.Options {
		q.Options[i] = visibleOption(q.Options[i])
	}
	out := *r
	out.Question = &q
	out.Unknown = make([]string, len(r.Unknown))
	for i, w := range r.Unknown {
		out.Unknown[i] = visible(w)
	}
	out.Options = make([]check.OptionEvidence, len(r.Options))
	for i, o := range r.Options {
		o.Option = visibleOption(o.Option)
		o.Support = visibleSupport(o.Support)
		o.Against = visibleSupport(o.Against)
		out.Options[i] = o
	}
	return &out
}

func visibleSupport(ss []check.Support) []check.Support {
	out := append([]check.Support(nil), ss...)
	for j := range out {
		s := &out[j]
		s.Snippet, s.Matches = visibleSnippet(s.Snippet, s.Matches)
	}
	return out
}

func visibleOption(o check.Option) check.Option {
	return check.Option{Letter: visible(o.Letter), Text: visible(o.Text)}
}

func visibleService(r *search.ServiceReport) *search.ServiceReport {
	out := *r
	out.Service = visibleCatalogEntry(r.Service)
	out.Corrected = visible(r.Corrected)
	out.Related = visibleRelated(r.Related)
	out.Sections = make([]search.Section, len(r.Sections))
	for i, sec := range r.Sections {
		sec.Source, sec.Heading = visibleLine(sec.Source), visibleLines(sec.Heading)
		sec.Snippets = append([]corpus.Snippet(nil), sec.Snippets...)
		for j := range sec.Snippets {
			sec.Snippets[j], _ = visibleSnippet(sec.Snippets[j], nil)
		}
		out.Sections[i] = sec
	}
	return &out
}

func visibleCatalogEntry(s synonyms.Service) synonyms.Service {
	s.Name, s.Category = visibleLine(s.Name), visibleLine(s.Category)
	s.Aliases, s.Kinds = visibleLines(s.Aliases), visibleLines(s.Kinds)
	s.Related = append([]synonyms.Relation(nil), s.Related...)
	for i := range s.Related {
		s.Related[i].Service, s.Related[i].Why = visibleLine(s.Related[i].Service), visible(s.Related[i].Why)
	}
	return s
}

func visibleRelated(rel []search.Related) []search.Related {
	if rel == nil {
		return nil
	}
	out := make([]search.Related, len(rel))
	for i, r := range rel {
		r.Service, r.Why = visibleLine(r.Service), visible(r.Why)
		out[i] = r
	}
	return out
}

// visibleSnippet makes a snippet visible and moves spans of its text.
func visibleSnippet(s corpus.Snippet, spans []search.Span) (corpus.Snippet, []search.Span) {
	text, at := sanitize(s.Text, spans != nil)
	s.Text = text
	// The fields shown on one line show a newline as ^J.
	s.Heading, s.Context, s.Tags = visibleLines(s.Heading), visibleLines(s.Context), visibleLines(s.Tags)
	s.Source = visibleLine(s.Source)
	if at == nil {
		return s, spans
	}
	moved := make([]search.Span, 0, len(spans))
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(at)-1 || sp.Start >= sp.End {
			continue
		}
		if sp.Start, sp.End = at[sp.Start], at[sp.End]; sp.Start < sp.End {
			moved = append(moved, sp)
		}
	}
	return s, moved
}

// writeJSON writes v as indented JSON with DEL and C1 controls escaped.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(jsonVisible(b.Bytes()))
	return err
}

// visibleWriter makes what is written to it visible: for output that
// crib never styles, such as crib index's.
type visibleWriter struct{ w io.Writer }

func (v visibleWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(v.w, visible(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// visible returns the extras with the neighbouring notes' text and file
// names made safe to print.
func (x answerExtras) visible() answerExtras {
	if x.around == nil {
		return x
	}
	out := x
	out.around = make(map[int]neighbours, len(x.around))
	for i, n := range x.around {
		var v neighbours
		for _, s := range n.before {
			s, _ = visibleSnippet(s, nil)
			v.before = append(v.before, s)
		}
		for _, s := range n.after {
			s, _ = visibleSnippet(s, nil)
			v.after = append(v.after, s)
		}
		out.around[i] = v
	}
	return out
}
