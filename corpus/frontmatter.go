package corpus

import "strings"

// frontMatter reads the YAML front matter that opens a markdown file: a
// first line of "---", then YAML, then a line of "---" or "...". It
// returns the number of lines it spans (0 when the file has none; an
// unclosed block is markdown, a thematic break) and the tags it names.
//
// Only the tags key is read, in the forms notes tools write:
//
//	tags: [aws, "ci/cd"]     tags: aws ci-cd     tags:
//	                                               - aws
//	                                               - ci-cd
//
// That subset does not need a YAML library. Tags are split at commas and
// white space, lose their quotes and a leading "#" (Obsidian's), and
// appear once each, in order.
func frontMatter(lines []string) (int, []string) {
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t") != "---" {
		return 0, nil
	}
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimRight(lines[i], " \t"); t == "---" || t == "..." {
			return i + 1, yamlTags(lines[1:i])
		}
	}
	return 0, nil
}

// yamlTags finds the top-level tags key in YAML lines and reads its
// value: a flow sequence (possibly over several lines), a block
// sequence, or a plain scalar.
func yamlTags(lines []string) []string {
	for i, line := range lines {
		key, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimRight(key, " \t") != "tags" {
			continue
		}
		value = stripComment(value)
		switch {
		case strings.HasPrefix(value, "["):
			return splitTags(flowSequence(value, lines[i+1:]))
		case value != "":
			return splitTags(value)
		}
		return splitTags(blockSequence(lines[i+1:]))
	}
	return nil
}

// flowSequence returns the text between "[" and "]", reading on into
// the next lines while the "]" is missing.
func flowSequence(value string, next []string) string {
	s, _, closed := strings.Cut(value[1:], "]")
	parts := []string{s}
	for _, l := range next {
		if closed {
			break
		}
		s, _, closed = strings.Cut(stripComment(l), "]")
		parts = append(parts, s)
	}
	return strings.Join(parts, ",")
}

// blockSequence joins the "- item" lines that follow a key, up to the
// first line that is neither an item, a comment nor blank.
func blockSequence(next []string) string {
	var items []string
	for _, l := range next {
		t := stripComment(l)
		switch {
		case t == "":
			continue
		case t == "-" || strings.HasPrefix(t, "- "):
			items = append(items, strings.TrimSpace(t[1:]))
		default:
			return strings.Join(items, ",")
		}
	}
	return strings.Join(items, ",")
}

// stripComment trims s and removes a YAML comment: a "#" that starts the
// value or follows white space.
func stripComment(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "#") {
		return ""
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "\t#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// splitTags splits a list of tags at commas and white space.
func splitTags(s string) []string {
	var tags []string
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		f = strings.TrimPrefix(strings.Trim(f, `"'`), "#")
		if f != "" && !seen[f] {
			seen[f] = true
			tags = append(tags, f)
		}
	}
	return tags
}
