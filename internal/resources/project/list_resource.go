package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var (
	_ list.ListResource              = (*projectListResource)(nil)
	_ list.ListResourceWithConfigure = (*projectListResource)(nil)
)

// projectListResource serves `list "mongodbatlas_project"` for terraform query.
type projectListResource struct {
	providerdata.ResourceBase
}

// NewListResource is the constructor of the mongodbatlas_project list resource.
func NewListResource() list.ListResource { return &projectListResource{} }

type listConfigModel struct {
	OrgID types.String `tfsdk:"org_id"`
}

func (l *projectListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (l *projectListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists Atlas projects: those of one organization, or every project the credentials can see.",
		Attributes: map[string]listschema.Attribute{
			"org_id": listschema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the projects of this organization (24-hex id). Without it, every project the credentials can see.",
				Validators:          []validator.String{validate.HexID()},
			},
		},
	}
}

func (l *projectListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ctx, ok := l.BeginList(ctx, "mongodbatlas_project", stream)
	if !ok {
		return
	}
	var cfg listConfigModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var projects []atlas.Project
	var err error
	orgID := cfg.OrgID.ValueString()
	if orgID != "" {
		projects, err = l.Client.ListOrgProjects(ctx, orgID, "")
	} else {
		projects, err = l.Client.ListProjects(ctx)
	}
	if err != nil {
		var diags diag.Diagnostics
		what := "the projects the credentials can see"
		if orgID != "" {
			what = "the projects of organization " + orgID
		}
		diags.AddError("Listing "+what+" failed", fmt.Sprintf("%s\n\n%s", err, hint(err)))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	reader := &projectResource{ResourceBase: l.ResourceBase}
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
				reader.listedResource(ctx, p, &result)
			}
			if !push(result) {
				return
			}
		}
	}
}

// listedResource fills a list result's resource with exactly what an import
// of the project followed by Read stores, so that configuration generated from
// it plans no change.
func (r *projectResource) listedResource(ctx context.Context, p *atlas.Project, result *list.ListResult) {
	result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root("id"), p.ID)...)
	var state resourceModel
	result.Diagnostics.Append(result.Resource.Get(ctx, &state)...)
	if result.Diagnostics.HasError() {
		return
	}
	_, diags := r.refresh(ctx, p, &state, true, true, false)
	result.Diagnostics.Append(diags...)
	if result.Diagnostics.HasError() {
		return
	}
	result.Diagnostics.Append(result.Resource.Set(ctx, &state)...)
}
