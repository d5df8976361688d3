package serverlessinstance

import (
	"context"
	"errors"
	"fmt"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// What Atlas runs an instance as. It is remembered in private state so that
// plans can refuse what the API can no longer do, and so that reads go to the
// API that answered last time.
const (
	backendServerless = "SERVERLESS" // a real serverless instance
	backendFlex       = "FLEX"       // a flex cluster, created through or migrated from serverless
	backendCluster    = "CLUSTER"    // migrated to a free or dedicated cluster (Clusters API)
)

// errNotFound means no API knows the instance any more.
var errNotFound = errors.New("serverless instance not found")

// instance is what one of the APIs answered about the instance.
type instance struct {
	serverless *atlas.ServerlessInstance // when the serverless API answered
	flex       *atlas.FlexCluster        // when the flex API answered
	cluster    *atlas.Cluster            // when only the Clusters API knows it
}

func (i *instance) name() string {
	switch {
	case i.serverless != nil:
		return i.serverless.Name
	case i.flex != nil:
		return i.flex.Name
	}
	return i.cluster.Name
}

func (i *instance) backend() string {
	switch {
	case i.cluster != nil:
		return backendCluster
	case i.flex != nil, i.serverless.IsFlexBacked():
		return backendFlex
	}
	return backendServerless
}

func (i *instance) flexBacked() bool { return i.backend() == backendFlex }

func (i *instance) state() string {
	switch {
	case i.serverless != nil:
		return i.serverless.StateName
	case i.flex != nil:
		return i.flex.StateName
	}
	return i.cluster.StateName
}

// serverlessGone reports whether the serverless API no longer knows the
// instance: its endpoint is gone, or it answers "not found" for an instance
// Atlas now keeps elsewhere.
func serverlessGone(err error) bool {
	return atlas.IsEndpointGone(err) || atlas.HasErrorCode(err, "SERVERLESS_INSTANCE_NOT_FOUND", "CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API")
}

// find asks the APIs in turn where the instance lives, starting with the
// serverless API unless the instance was last seen through the flex API. The
// decision follows what the APIs answer, never the date.
func find(ctx context.Context, client *atlas.Client, projectID, name, lastBackend string) (*instance, error) {
	if lastBackend != backendFlex {
		s, err := client.GetServerlessInstance(ctx, projectID, name)
		switch {
		case err == nil:
			return &instance{serverless: s}, nil
		case atlas.HasErrorCode(err, "GROUP_NOT_FOUND"):
			return nil, fmt.Errorf("%w: %w", errNotFound, err) // keeps Atlas's answer for the diagnostic
		case !serverlessGone(err):
			return nil, fmt.Errorf("reading serverless instance: %w", err)
		}
	}
	f, err := client.GetFlexCluster(ctx, projectID, name)
	switch {
	case err == nil:
		return &instance{flex: f}, nil
	case atlas.HasErrorCode(err, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API"):
		c, err := client.GetCluster(ctx, projectID, name)
		if err != nil {
			return nil, fmt.Errorf("reading the cluster Atlas migrated the instance to: %w", err)
		}
		return &instance{cluster: c}, nil
	case atlas.IsNotFound(err):
		return nil, fmt.Errorf("%w: %w", errNotFound, err)
	}
	return nil, fmt.Errorf("reading flex cluster: %w", err)
}
