package serverlessinstance

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/clusteridentity"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

var _ list.ListResourceWithConfigure = (*serverlessListResource)(nil)

type serverlessListResource struct {
	providerdata.ResourceBase
}

// NewListResource is the constructor of the mongodbatlas_serverless_instance
// list resource, which `terraform query` uses.
//
// It lists only the instances that are still serverless instances. Atlas
// turned the others into flex clusters, which list "mongodbatlas_flex_cluster"
// lists: new configurations should manage them as flex clusters, and a query
// with both list blocks then names every deployment once, with the type that
// fits it. The instances left out are named in a warning, and an era in which
// the serverless API no longer answers is a warning too, not an error, since
// no serverless instance is left then.
func NewListResource() list.ListResource { return &serverlessListResource{} }

func (l *serverlessListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_serverless_instance"
}

func (l *serverlessListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = clusteridentity.ListConfigSchema("Lists the serverless instances of a project that are still serverless instances, following every page. "+
		"Instances Atlas turned into flex clusters are left out (a warning names them): list them with `list \"mongodbatlas_flex_cluster\"` "+
		"and manage them as `mongodbatlas_flex_cluster`, so that a query with both blocks names each deployment once. "+
		"Once the serverless API no longer answers (from 2027-01-15), the list is empty, with a warning. "+
		"Each result carries the identity `{project_id, name}`, and the whole resource with `include_resource = true`.", "serverless instances")
}

func (l *serverlessListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ctx, ok := l.BeginList(ctx, typeName, stream)
	if !ok {
		return
	}
	projectID, diags := clusteridentity.ListProjectID(ctx, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	listed, err := l.Client.ListServerlessInstances(ctx, projectID)
	switch {
	case atlas.IsEndpointGone(err):
		diags.AddWarning("The serverless API no longer answers",
			fmt.Sprintf("Atlas has removed the serverless API, so project %s has no serverless instance left: Atlas turned them into flex, free or dedicated clusters. "+
				"List the flex clusters with a list \"mongodbatlas_flex_cluster\" block and manage them as mongodbatlas_flex_cluster.\n\n%s", projectID, err))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	case err != nil:
		diags.AddError(fmt.Sprintf("Listing the serverless instances of project %s failed", projectID), atlas.WithHint(err))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var serverless []*instance
	var flexBacked []string
	for i := range listed {
		if listed[i].IsFlexBacked() {
			flexBacked = append(flexBacked, listed[i].Name)
			continue
		}
		serverless = append(serverless, &instance{serverless: &listed[i]})
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i, inst := range serverless {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(listResult(ctx, req, projectID, inst)) {
				return
			}
		}
		if len(flexBacked) > 0 {
			push(list.ListResult{Diagnostics: flexBackedWarning(projectID, flexBacked)})
		}
	}
}

func flexBackedWarning(projectID string, names []string) diag.Diagnostics {
	var diags diag.Diagnostics
	summary := fmt.Sprintf("%d serverless instances of project %s are flex clusters now and are not listed", len(names), projectID)
	if len(names) == 1 {
		summary = fmt.Sprintf("Serverless instance %s of project %s is a flex cluster now and is not listed", names[0], projectID)
	}
	diags.AddWarning(summary,
		fmt.Sprintf("Atlas runs %s as flex clusters now. List them with a list \"mongodbatlas_flex_cluster\" block and manage them as mongodbatlas_flex_cluster; "+
			"a mongodbatlas_serverless_instance resource that already manages one keeps working, and a moved block turns it into a mongodbatlas_flex_cluster.",
			strings.Join(names, ", ")))
	return diags
}

// listResult is one instance as a list result: its identity, its name, and
// with include_resource the state an import of it gives.
func listResult(ctx context.Context, req list.ListRequest, projectID string, inst *instance) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = inst.name()
	result.Diagnostics.Append(clusteridentity.Set(ctx, result.Identity, projectID, inst.name())...)
	if req.IncludeResource {
		m := importedModel(projectID, inst)
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	}
	return result
}
