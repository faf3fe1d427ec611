import type { StackProps } from 'aws-cdk-lib';
import type { EnvironmentModel, RegionModel, WorkspaceModel } from '../definition/model';

/** Props every platform stack receives: the resolved model and the environment it serves. */
export interface PlatformStackProps extends StackProps {
  readonly model: WorkspaceModel;
  readonly environment: EnvironmentModel;
}

/** Props of a stack that serves one region of an environment. */
export interface RegionalStackProps extends PlatformStackProps {
  readonly region: RegionModel;
}
