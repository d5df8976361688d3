package projectipaccesslist

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/projectlist"
)

// NewPluralDataSource is the mongodbatlas_project_ip_access_lists data source constructor.
func NewPluralDataSource() datasource.DataSource {
	return projectlist.New(projectlist.Spec[atlas.AccessListEntry, entryModel]{
		TypeSuffix:  "_project_ip_access_lists",
		Description: "Reads every entry of an Atlas project's IP access list, following every page.",
		Plural:      "IP access list entries",
		Attributes:  entryAttributes(),
		List: func(ctx context.Context, client *atlas.Client, projectID string) ([]atlas.AccessListEntry, error) {
			return client.ListAccessList(ctx, projectID)
		},
		Result: func(_ string, e *atlas.AccessListEntry) entryModel { return newEntryModel(e) },
	})
}
