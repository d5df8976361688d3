package flexcluster

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/clusteridentity"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

var _ list.ListResourceWithConfigure = (*flexListResource)(nil)

type flexListResource struct {
	providerdata.ResourceBase
}

// NewListResource is the constructor of the mongodbatlas_flex_cluster list
// resource, which `terraform query` uses.
func NewListResource() list.ListResource { return &flexListResource{} }

func (l *flexListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flex_cluster"
}

func (l *flexListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = clusteridentity.ListConfigSchema("Lists every flex cluster of a project, including the serverless instances Atlas turned into flex clusters, "+
		"following every page. Each result carries the identity `{project_id, name}`, and the whole resource with `include_resource = true`.", "flex clusters")
}

func (l *flexListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ctx, ok := l.BeginList(ctx, typeName, stream)
	if !ok {
		return
	}
	projectID, diags := clusteridentity.ListProjectID(ctx, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	clusters, err := l.Client.ListFlexClusters(ctx, projectID)
	if err != nil {
		diags.AddError(fmt.Sprintf("Listing the flex clusters of project %s failed", projectID), atlas.WithHint(err))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i := range clusters {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(listResult(ctx, req, projectID, &clusters[i])) {
				return
			}
		}
	}
}

// listResult is one cluster as a list result: its identity, its name, and
// with include_resource the state an import of it gives.
func listResult(ctx context.Context, req list.ListRequest, projectID string, c *atlas.FlexCluster) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = c.Name
	result.Diagnostics.Append(clusteridentity.Set(ctx, result.Identity, projectID, c.Name)...)
	if req.IncludeResource {
		m := importedModel(projectID, c)
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	}
	return result
}
