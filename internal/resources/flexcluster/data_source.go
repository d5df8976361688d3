package flexcluster

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var _ datasource.DataSourceWithConfigure = (*flexDataSource)(nil)

type flexDataSource struct {
	providerdata.DataSourceBase
}

// NewDataSource is the mongodbatlas_flex_cluster data source constructor.
func NewDataSource() datasource.DataSource { return &flexDataSource{} }

func (d *flexDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flex_cluster"
}

func (d *flexDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := clusterAttributes()
	attrs["project_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project that holds the cluster.",
		Validators: []validator.String{validate.HexID()}}
	attrs["name"] = schema.StringAttribute{Required: true, MarkdownDescription: "Name of the cluster."}
	resp.Schema = schema.Schema{MarkdownDescription: "Reads one Atlas flex cluster.", Attributes: attrs}
}

func (d *flexDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_flex_cluster", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg clusterModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, name := cfg.ProjectID.ValueString(), cfg.Name.ValueString()
	c, err := d.Client.GetFlexCluster(ctx, projectID, name)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Reading flex cluster %q in project %s failed", name, projectID), atlas.WithHint(err))
		return
	}
	out := newClusterModel(projectID, c)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
