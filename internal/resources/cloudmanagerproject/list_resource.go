package cloudmanagerproject

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

var (
	_ list.ListResource              = (*cloudManagerProjectListResource)(nil)
	_ list.ListResourceWithConfigure = (*cloudManagerProjectListResource)(nil)
)

// cloudManagerProjectListResource serves `list "mongodbatlas_cloud_manager_project"`
// for terraform query.
type cloudManagerProjectListResource struct {
	providerdata.ResourceBase
}

// NewListResource is the constructor of the mongodbatlas_cloud_manager_project list resource.
func NewListResource() list.ListResource { return &cloudManagerProjectListResource{} }

func (l *cloudManagerProjectListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloud_manager_project"
}

func (l *cloudManagerProjectListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists every Cloud Manager or Ops Manager project the credentials can see at `cloud_manager_base_url`.",
	}
}

func (l *cloudManagerProjectListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ctx, ok := l.BeginList(ctx, typeName, stream)
	if !ok {
		return
	}
	projects, err := l.Client.ListCloudManagerProjects(ctx)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Listing Cloud Manager projects failed", fmt.Sprintf("%s\n\n%s", err, hint(err)))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i := range projects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			p := &projects[i]
			result := req.NewListResult(ctx)
			result.DisplayName = p.Name
			result.Diagnostics.Append(result.Identity.Set(ctx, importid.NewHexID(p.ID))...)
			if req.IncludeResource && !result.Diagnostics.HasError() {
				listedResource(ctx, p, &result)
			}
			if !push(result) {
				return
			}
		}
	}
}

// listedResource fills a list result's resource with what an import of the
// project followed by Read stores, so that configuration generated from it
// plans no change.
func listedResource(ctx context.Context, p *atlas.CloudManagerProject, result *list.ListResult) {
	result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root("id"), p.ID)...)
	var state resourceModel
	result.Diagnostics.Append(result.Resource.Get(ctx, &state)...)
	if result.Diagnostics.HasError() {
		return
	}
	state.applyProject(p)
	result.Diagnostics.Append(result.Resource.Set(ctx, &state)...)
}
