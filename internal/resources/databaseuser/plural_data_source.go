package databaseuser

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

var _ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)

type usersDataSource struct {
	providerdata.DataSourceBase
}

// NewPluralDataSource is the mongodbatlas_database_users data source constructor.
func NewPluralDataSource() datasource.DataSource { return &usersDataSource{} }

type usersModel struct {
	ID        types.String   `tfsdk:"id"`
	ProjectID types.String   `tfsdk:"project_id"`
	Results   []setUserModel `tfsdk:"results"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads every database user of an Atlas project, following every page.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.",
				Validators: []validator.String{validate.HexID()}},
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The project id."},
			"results": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The database users.",
				NestedObject: schema.NestedAttributeObject{Attributes: userAttributes(setNested)}},
		},
	}
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_database_users", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg usersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	users, err := d.Client.ListDatabaseUsers(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Listing the database users of project %s failed", projectID), atlas.WithHint(err))
		return
	}
	cfg.ID = types.StringValue(projectID)
	cfg.Results = make([]setUserModel, 0, len(users))
	for i := range users {
		cfg.Results = append(cfg.Results, newSetUserModel(projectID, &users[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
