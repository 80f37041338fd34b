// Package botocore reads the API documentation of Debian's
// python3-botocore (Apache-2.0) for crib's table generators: every
// "documentation" string of every service model.
package botocore

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Docs calls f with every "documentation" string of the service-2.json
// models under dir, and fails when there are none.
func Docs(dir string, f func(string)) error {
	models := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "service-2.json" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var model any
		if err := json.Unmarshal(data, &model); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		models++
		docs(model, f)
		return nil
	})
	if err == nil && models == 0 {
		err = fmt.Errorf("no service-2.json under %s", dir)
	}
	return err
}

// docs calls f with every "documentation" string in a service model.
func docs(v any, f func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "documentation" {
				f(s)
				continue
			}
			docs(x, f)
		}
	case []any:
		for _, x := range v {
			docs(x, f)
		}
	}
}
