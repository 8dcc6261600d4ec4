"""Training entry point. SageMaker runs `python train.py <hydra overrides>` in this image."""
import json
import os
from pathlib import Path

import hydra
from omegaconf import DictConfig, OmegaConf


@hydra.main(version_base="1.3", config_path="conf", config_name="config")
def main(cfg: DictConfig) -> None:
    # train-on-push puts the commit and run on the job as tags and here as environment variables.
    lineage = {k: v for k, v in os.environ.items() if k.startswith("TRAIN_ON_PUSH_")}
    print("lineage:", json.dumps(lineage, sort_keys=True))
    print(OmegaConf.to_yaml(cfg, resolve=True))

    run_dir = Path(cfg.paths.checkpoints) / cfg.experiment_name
    run_dir.mkdir(parents=True, exist_ok=True)
    for epoch in range(cfg.trainer.epochs):
        loss = 1.0 / (epoch + 1)
        # SageMaker turns these lines into metrics via metric_definitions.
        print(f"epoch={epoch} train_loss={loss:.4f} val_accuracy={1 - loss / 2:.4f}", flush=True)

    model_dir = Path(cfg.paths.model)
    model_dir.mkdir(parents=True, exist_ok=True)
    (model_dir / "config.yaml").write_text(OmegaConf.to_yaml(cfg))


if __name__ == "__main__":
    main()
