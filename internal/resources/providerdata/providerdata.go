// Package providerdata hands the configured API client from the provider to
// resources and data sources.
package providerdata

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// clientFrom extracts the *atlas.Client that the provider's Configure stored. It
// returns nil without a diagnostic when the provider is not configured yet
// (Terraform calls Configure on resources before the provider has values during
// validation).
func clientFrom(data any, diags *diag.Diagnostics) *atlas.Client {
	if data == nil {
		return nil
	}
	client, ok := data.(*atlas.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *atlas.Client, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return client
}

// notConfigured is the diagnostic for a call made before the provider has a client.
func notConfigured(diags *diag.Diagnostics) {
	diags.AddError("Provider not configured",
		"The mongodbatlas provider has no API client. Check the provider block and credentials: "+
			"a provider value that is unknown until apply (for example computed from another resource) cannot be used.")
}
