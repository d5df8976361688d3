package serverlessinstance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/clusteridentity"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/movestate"
)

var _ resource.ResourceWithMoveState = (*serverlessResource)(nil)

// MoveState takes a mongodbatlas_serverless_instance from the official
// provider with a moved block. Its state keeps the official encoded id, which
// this resource reads as well.
func (r *serverlessResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{clusteridentity.WithIdentity(movestate.SameType(typeName))}
}
