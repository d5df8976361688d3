package databaseuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/projectlist"
)

// NewPluralDataSource is the mongodbatlas_database_users data source
// constructor. Like the official one it has an id (the project id), and its
// results carry roles, labels and scopes as sets.
func NewPluralDataSource() datasource.DataSource {
	return projectlist.New(projectlist.Spec[atlas.DatabaseUser, setUserModel]{
		TypeSuffix:  "_database_users",
		Description: "Reads every database user of an Atlas project, following every page.",
		Plural:      "database users",
		Attributes:  userAttributes(setNested),
		WithID:      true,
		List: func(ctx context.Context, client *atlas.Client, projectID string) ([]atlas.DatabaseUser, error) {
			return client.ListDatabaseUsers(ctx, projectID)
		},
		Result: newSetUserModel,
	})
}
