package providerdata

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// ResourceBase is embedded by every resource and list resource: its Configure
// keeps the client the provider built, and Begin starts each operation.
type ResourceBase struct{ clientBase }

// Configure keeps the provider's client.
func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase is ResourceBase for data sources.
type DataSourceBase struct{ clientBase }

// Configure keeps the provider's client.
func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

type clientBase struct {
	// Client is nil until the provider is configured, and stays nil when
	// the provider's values are unknown until apply.
	Client *atlas.Client
}

// Begin starts an operation: the returned context names the module, the type
// and the operation in the User-Agent (WithMeta), and ok is false, with the
// diagnostic added, when the provider has no client.
func (b *clientBase) Begin(ctx context.Context, meta tfsdk.Config, typeName string, op Operation, diags *diag.Diagnostics) (_ context.Context, ok bool) {
	ctx = WithMeta(ctx, meta, typeName, op)
	if b.Client == nil {
		notConfigured(diags)
		return ctx, false
	}
	return ctx, true
}

// BeginList is Begin for a list resource's List, which has no provider_meta:
// when the provider has no client, the stream carries the diagnostic.
func (b *ResourceBase) BeginList(ctx context.Context, typeName string, stream *list.ListResultsStream) (_ context.Context, ok bool) {
	var diags diag.Diagnostics
	ctx, ok = b.Begin(ctx, tfsdk.Config{}, typeName, OpRead, &diags)
	if !ok {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
	}
	return ctx, ok
}
