package synonyms

import (
	"hash/crc32"
	"io/fs"
	"reflect"
	"testing"
)

// TestCompiledCatalog checks that the compiled catalogue is the text's,
// and indexed alike: run go generate ./synonyms when it fails.
func TestCompiledCatalog(t *testing.T) {
	text, err := fs.ReadFile(data, "data/"+servicesFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(text) != compiledCatalogSize || crc32.ChecksumIEEE(text) != compiledCatalogCRC {
		t.Fatal("data/services.txt changed since catalog_compiled.go was generated: run go generate ./synonyms")
	}
	parsed, err := ParseCatalog(servicesFile, text)
	if err != nil {
		t.Fatal(err)
	}
	compiled := indexCatalog(compiledCatalog)
	if !reflect.DeepEqual(compiled.Services, parsed.Services) || !reflect.DeepEqual(compiled.index, parsed.index) {
		t.Error("the compiled catalogue differs from the parsed one")
	}
	if got, _ := BuiltinCatalog(); !reflect.DeepEqual(got.index, parsed.index) {
		t.Error("BuiltinCatalog differs from the parsed catalogue")
	}
}
