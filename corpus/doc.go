// Package corpus turns notes files into snippets: one list item, paragraph
// or table row each, with the heading path and parent items that give it
// context and the file and line it came from. It also embeds crib's default
// DOP-C02 notes.
//
// It does not analyse, index or rank text; package search does that.
package corpus
