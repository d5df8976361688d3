package flexcluster

import (
	"context"
	"fmt"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// Model conversions that run for every flex cluster on every plan and apply.

func benchFlexCluster() *atlas.FlexCluster {
	disk := 5.0
	tagList := make([]atlas.Tag, 10)
	for i := range tagList {
		tagList[i] = atlas.Tag{Key: fmt.Sprintf("key-%02d", i), Value: fmt.Sprintf("value-%02d", i)}
	}
	return &atlas.FlexCluster{
		ID: "6b1a2b3c4d5e6f7a8b9c0d1e", GroupID: "5f1a2b3c4d5e6f7a8b9c0d1e", Name: "bench-flex", ClusterType: "REPLICASET",
		BackupSettings:    &atlas.FlexBackupSettings{Enabled: true},
		ConnectionStrings: &atlas.FlexConnectionStrings{Standard: "mongodb://bench-flex.mongodb.net:27017", StandardSrv: "mongodb+srv://bench-flex.mongodb.net"},
		CreateDate:        "2026-01-02T03:04:05Z", MongoDBVersion: "8.0.4",
		ProviderSettings: atlas.FlexProviderSettings{BackingProviderName: "AWS", RegionName: "US_EAST_1", ProviderName: "FLEX", DiskSizeGB: &disk},
		StateName:        atlas.StateIdle, Tags: tagList, VersionReleaseSystem: "LTS",
	}
}

func BenchmarkNewClusterModel(b *testing.B) {
	c := benchFlexCluster()
	b.ReportAllocs()
	for b.Loop() {
		_ = newClusterModel("5f1a2b3c4d5e6f7a8b9c0d1e", c)
	}
}

func BenchmarkNewCreateRequest(b *testing.B) {
	plan := &resourceModel{clusterModel: newClusterModel("5f1a2b3c4d5e6f7a8b9c0d1e", benchFlexCluster())}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := newCreateRequest(ctx, plan); diags.HasError() {
			b.Fatal(diags)
		}
	}
}
