/**
 * `logsig worker`: run a worker until SIGTERM/SIGINT, then stop cleanly (finish the batch in hand,
 * leave the group, flush the producer). A second signal exits at once.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { createLogger } from '../../telemetry/logger.ts';
import { startWorker } from '../../worker/worker.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Consume log lines from Kafka, diagnose them and publish the events (config: config/default.yaml + LOGSIG_* env)')
    .option('-c, --config <file>', 'a YAML config file merged over the defaults (or LOGSIG_CONFIG)')
    .action(async (options: { config?: string }) => {
      const config = loadConfig({ file: options.config ?? process.env.LOGSIG_CONFIG ?? null, env: process.env });
      const logger = createLogger(config.log.level);
      const worker = await startWorker(config, logger);
      logger.info({ metrics: `${worker.metricsUrl}/metrics`, input: config.kafka.input_topic, output: config.kafka.output_topic }, 'Worker running.');

      let signalled = false;
      const onSignal = (signal: NodeJS.Signals) => {
        if (signalled) process.exit(130);
        signalled = true;
        logger.info({ signal }, 'Signal received.');
        void worker.stop();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      const failure = await worker.stopped;
      logger.flush();
      // A supervisor (systemd, Kubernetes) restarts a worker that exits non-zero.
      if (failure !== null) process.exitCode = 1;
    });
}
