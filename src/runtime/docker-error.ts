// A failure the docker command reports as Docker would: its message (Docker's wording
// where Docker has one) and Docker's exit code (1 for daemon errors, 125 when `docker
// run` itself fails). Never shown with a stack.

export class DockerError extends Error {
  constructor(message: string, readonly exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DockerError';
  }
}

export const noSuchContainer = (name: string): DockerError =>
  new DockerError(`Error response from daemon: No such container: ${name}`, 1);

export const noSuchNetwork = (name: string): DockerError =>
  new DockerError(`Error response from daemon: network ${name} not found`, 1);

/** What nslab's docker implements, appended to usage errors so a learner knows the limits. */
export const SUPPORTED = `nslab's docker supports: run [-d] [-i] [-t] [--rm] [--name N] [--net|--network bridge|host|none|container:N|NET] [--ip ADDR] [--hostname H] [-p HOST:CONTAINER[/tcp]] IMAGE [CMD...]; exec [-i] [-t] N CMD...; inspect [-f FORMAT] N...; ps [-a] [-q]; stop N...; rm [-f] N...; network ls|inspect|create [-d bridge|macvlan|overlay] [--subnet S] [--gateway G] [-o parent=IF]|rm|connect|disconnect; and --trace before the command to see every ip/iptables step.`;
