// Package projectlist builds the plural data sources that read every object
// of one kind in a project (mongodbatlas_flex_clusters, _database_users,
// _project_ip_access_lists): project_id in, results out, every page read.
// What differs between them is the Spec; the reading is written once here.
package projectlist

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// Spec describes one plural data source. T is what the API lists, M the
// model of one result (a struct with tfsdk tags matching Attributes).
type Spec[T, M any] struct {
	TypeSuffix  string // after the provider's name: "_flex_clusters"
	Description string // of the data source
	Plural      string // what is listed, for the results' description and errors: "flex clusters"
	Attributes  map[string]schema.Attribute
	// WithID adds a computed id holding the project id, as the official
	// provider has on some plural data sources.
	WithID bool
	List   func(ctx context.Context, client *atlas.Client, projectID string) ([]T, error)
	Result func(projectID string, item *T) M
}

// New returns the data source Spec describes.
func New[T, M any](spec Spec[T, M]) datasource.DataSource { return &dataSource[T, M]{spec: spec} }

type dataSource[T, M any] struct {
	providerdata.DataSourceBase
	spec Spec[T, M]
}

var _ datasource.DataSourceWithConfigure = (*dataSource[struct{}, struct{}])(nil)

func (d *dataSource[T, M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.TypeSuffix
}

func (d *dataSource[T, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"project_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.",
			Validators: []validator.String{validate.HexID()}},
		"results": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The " + d.spec.Plural + ", in the order Atlas lists them.",
			NestedObject: schema.NestedAttributeObject{Attributes: d.spec.Attributes}},
	}
	if d.spec.WithID {
		attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "The project id."}
	}
	resp.Schema = schema.Schema{MarkdownDescription: d.spec.Description, Attributes: attrs}
}

func (d *dataSource[T, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas"+d.spec.TypeSuffix, providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var projectID types.String
	if resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("project_id"), &projectID)...); resp.Diagnostics.HasError() {
		return
	}
	items, err := d.spec.List(ctx, d.Client, projectID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Listing the %s of project %s failed", d.spec.Plural, projectID.ValueString()), atlas.WithHint(err))
		return
	}
	results := make([]M, 0, len(items))
	for i := range items {
		results = append(results, d.spec.Result(projectID.ValueString(), &items[i]))
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("results"), results)...)
	if d.spec.WithID {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), projectID)...)
	}
}
