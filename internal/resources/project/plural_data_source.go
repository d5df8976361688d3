package project

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

// detailWorkers bounds the concurrent per-project reads of the plural data
// source, so a large organization does not exhaust Atlas's rate limits.
const detailWorkers = 4

var (
	_ datasource.DataSource              = (*projectsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)
)

type projectsDataSource struct {
	providerdata.DataSourceBase
}

// NewPluralDataSource is the mongodbatlas_projects data source constructor.
func NewPluralDataSource() datasource.DataSource { return &projectsDataSource{} }

type projectsModel struct {
	ID           types.String     `tfsdk:"id"`
	PageNum      types.Int64      `tfsdk:"page_num"`
	ItemsPerPage types.Int64      `tfsdk:"items_per_page"`
	TotalCount   types.Int64      `tfsdk:"total_count"`
	Results      []projectDetails `tfsdk:"results"`
}

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_projects"
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	result := detailAttributes()
	result["project_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "The project id."}
	result["name"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the project."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the Atlas projects the credentials can see: every project, following every page, or one page when `page_num` or `items_per_page` is set.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, DeprecationMessage: "Not meaningful; kept for compatibility.",
				MarkdownDescription: "Constant identifier of the data source."},
			"page_num": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Page to read, from 1. When neither this nor `items_per_page` is set, every page is read. Default `1` when only `items_per_page` is set.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)}},
			"items_per_page": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Number of projects per page, 1 to 500. Default `100` (Atlas's default) when only `page_num` is set.",
				Validators:          []validator.Int64{int64validator.Between(1, 500)}},
			"total_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of projects the credentials can see, on every page together."},
			"results": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The projects.",
				NestedObject: schema.NestedAttributeObject{Attributes: result}},
		},
	}
}

func (d *projectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_projects", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg projectsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var projects []atlas.Project
	var total int
	var err error
	if cfg.PageNum.IsNull() && cfg.ItemsPerPage.IsNull() {
		projects, err = d.Client.ListProjects(ctx)
		total = len(projects)
	} else {
		projects, total, err = d.Client.ListProjectsPage(ctx, int(cfg.PageNum.ValueInt64()), int(cfg.ItemsPerPage.ValueInt64()))
	}
	if err != nil {
		resp.Diagnostics.AddError("Listing projects failed", err.Error())
		return
	}
	results := make([]projectDetails, len(projects))
	diagsPer := make([]diag.Diagnostics, len(projects))
	var wg sync.WaitGroup
	sem := make(chan struct{}, detailWorkers)
	for i := range projects {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], diagsPer[i] = readDetails(ctx, d.Client, &projects[i])
		}(i)
	}
	wg.Wait()
	for _, diags := range diagsPer {
		resp.Diagnostics.Append(diags...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.ID = types.StringValue("projects")
	cfg.TotalCount = types.Int64Value(int64(total))
	cfg.Results = results
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
