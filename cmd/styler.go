package cmd

import (
	"github.com/fatih/color"
)

// Role names what a piece of output is, so one Styler decides its look.
type Role string

// Roles of output.
const (
	RoleMatch   Role = "match"   // a question word found in a note
	RoleSynonym Role = "synonym" // a word found through the thesaurus
	RoleHeading Role = "heading" // breadcrumb of headings
	RoleScore   Role = "score"
	RoleRank    Role = "rank"
	RoleService Role = "service"
	RoleDim     Role = "dim" // context, reasons, sources
	RoleTitle   Role = "title"
)

// Styler renders text in a role.
type Styler interface {
	Style(r Role, s string) string
}

// plainStyler leaves text as it is: for pipes and NO_COLOR.
type plainStyler struct{}

func (plainStyler) Style(_ Role, s string) string { return s }

// tagStyler wraps text in <role>…</role>, so golden tests can see what is
// highlighted without escape codes.
type tagStyler struct{}

func (tagStyler) Style(r Role, s string) string {
	if s == "" {
		return s
	}
	return "<" + string(r) + ">" + s + "</" + string(r) + ">"
}

// ansiStyler colours text for terminals.
type ansiStyler struct{ colors map[Role]*color.Color }

func newANSIStyler() ansiStyler {
	c := func(attrs ...color.Attribute) *color.Color {
		col := color.New(attrs...)
		col.EnableColor() // the decision was made by IOStreams.ColorEnabled
		return col
	}
	return ansiStyler{colors: map[Role]*color.Color{
		RoleMatch:   c(color.FgYellow, color.Bold),
		RoleSynonym: c(color.FgMagenta, color.Bold),
		RoleHeading: c(color.FgBlue),
		RoleScore:   c(color.Faint),
		RoleRank:    c(color.FgCyan, color.Bold),
		RoleService: c(color.FgGreen),
		RoleDim:     c(color.Faint),
		RoleTitle:   c(color.Bold),
	}}
}

func (a ansiStyler) Style(r Role, s string) string {
	if c := a.colors[r]; c != nil && s != "" {
		return c.Sprint(s)
	}
	return s
}
