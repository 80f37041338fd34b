package cmd

// License names crib's licence as --version and the man pages say it; the
// full text is LICENSE at the root of the repository.
const License = "MIT licence; Copyright (c) 2026 the crib authors"

// versionTemplate prints the version, then the licence, as GNU tools do.
const versionTemplate = "crib {{.Version}}\nLicensed under the " + License + ".\n"
