package flexcluster

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var _ datasource.DataSourceWithConfigure = (*flexClustersDataSource)(nil)

type flexClustersDataSource struct {
	providerdata.DataSourceBase
}

// NewPluralDataSource is the mongodbatlas_flex_clusters data source constructor.
func NewPluralDataSource() datasource.DataSource { return &flexClustersDataSource{} }

type clustersModel struct {
	ProjectID types.String   `tfsdk:"project_id"`
	Results   []clusterModel `tfsdk:"results"`
}

func (d *flexClustersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flex_clusters"
}

func (d *flexClustersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads every flex cluster of a project, following every page.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.",
				Validators: []validator.String{validate.HexID()}},
			"results": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The flex clusters.",
				NestedObject: schema.NestedAttributeObject{Attributes: clusterAttributes()}},
		},
	}
}

func (d *flexClustersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_flex_clusters", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg clustersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	clusters, err := d.Client.ListFlexClusters(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Listing the flex clusters of project %s failed", projectID), atlas.WithHint(err))
		return
	}
	cfg.Results = make([]clusterModel, 0, len(clusters))
	for i := range clusters {
		cfg.Results = append(cfg.Results, newClusterModel(projectID, &clusters[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
