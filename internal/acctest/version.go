package acctest

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Terraform versions that brought features some tests need.
var (
	// Terraform1_12 brought resource identity and import blocks by identity.
	Terraform1_12 = tfversion.Version1_12_0
	// Terraform1_14 brought list resources and `terraform query`.
	Terraform1_14 = tfversion.Version1_14_0
)

// SkipUnlessTerraform skips a test unless the CLI is HashiCorp Terraform at
// version min or newer. OpenTofu numbers its releases independently (OpenTofu
// 1.12 is not Terraform 1.12), so tfversion.SkipBelow alone would run a
// Terraform-only feature test on OpenTofu and fail it for the wrong reason.
func SkipUnlessTerraform(min *version.Version) tfversion.TerraformVersionCheck {
	return terraformOnlyCheck{min: min}
}

type terraformOnlyCheck struct{ min *version.Version }

func (c terraformOnlyCheck) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if CLIIsOpenTofu() {
		resp.Skip = fmt.Sprintf("the CLI is OpenTofu %s; this test needs Terraform %s or newer", req.TerraformVersion, c.min)
		return
	}
	if req.TerraformVersion.Core().LessThan(c.min) {
		resp.Skip = fmt.Sprintf("Terraform %s is older than %s, which this test needs", req.TerraformVersion, c.min)
	}
}

var (
	openTofuOnce sync.Once
	openTofu     bool
)

// CLIIsOpenTofu reports whether the acceptance tests' CLI (TF_ACC_TERRAFORM_PATH,
// set by ConfigureCLI) is OpenTofu.
func CLIIsOpenTofu() bool {
	openTofuOnce.Do(func() {
		if cli := os.Getenv("TF_ACC_TERRAFORM_PATH"); cli != "" {
			openTofu = isOpenTofu(cli)
		}
	})
	return openTofu
}
