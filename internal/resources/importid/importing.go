package importid

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// privateState is the part of the framework's private resource state these helpers use.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

const importingKey = "importing"

// MarkImporting records, from ImportState, that the next Read completes an import. That
// Read can then read what a refresh leaves alone, and report an object that does not exist
// as an error naming what was looked for, instead of Terraform's generic "Cannot import
// non-existent remote object".
func MarkImporting(ctx context.Context, private privateState) diag.Diagnostics {
	return private.SetKey(ctx, importingKey, []byte("true"))
}

// Importing reports whether this Read completes an import: MarkImporting was called and
// no Read has succeeded since.
func Importing(ctx context.Context, private privateState) bool {
	v, _ := private.GetKey(ctx, importingKey)
	return len(v) > 0
}

// ImportDone clears the mark once a Read has completed the import, so that later
// refreshes treat a missing object as deleted out of band.
func ImportDone(ctx context.Context, private privateState) diag.Diagnostics {
	return private.SetKey(ctx, importingKey, nil)
}
