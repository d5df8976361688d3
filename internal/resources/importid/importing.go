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

// MarkImporting records, from ImportState, that the next Read completes an import. Read
// then reports an object that does not exist as an error naming what was looked for,
// instead of Terraform's generic "Cannot import non-existent remote object".
func MarkImporting(ctx context.Context, private privateState) diag.Diagnostics {
	return private.SetKey(ctx, importingKey, []byte("true"))
}

// Importing reports whether this Read completes an import, and clears the mark so that
// later refreshes treat a missing object as deleted out of band.
func Importing(ctx context.Context, req, resp privateState) bool {
	v, _ := req.GetKey(ctx, importingKey)
	if len(v) == 0 {
		return false
	}
	resp.SetKey(ctx, importingKey, nil)
	return true
}
