package flexcluster

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/projectlist"
)

// NewPluralDataSource is the mongodbatlas_flex_clusters data source constructor.
func NewPluralDataSource() datasource.DataSource {
	return projectlist.New(projectlist.Spec[atlas.FlexCluster, clusterModel]{
		TypeSuffix:  "_flex_clusters",
		Description: "Reads every flex cluster of a project, following every page.",
		Plural:      "flex clusters",
		Attributes:  clusterAttributes(),
		List: func(ctx context.Context, client *atlas.Client, projectID string) ([]atlas.FlexCluster, error) {
			return client.ListFlexClusters(ctx, projectID)
		},
		Result: newClusterModel,
	})
}
