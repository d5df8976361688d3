//go:build generate

// Package tools pins the code generation tools used by the provider build
// (see GNUmakefile). It lives in its own module so that the tools'
// dependencies stay out of the provider's go.mod.
package tools

import (
	// Documentation generator: make docs, make docs-check.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
