// The demo plant's building controllers on loopback: an AHU, a VAV and a boiler controller, each a
// BACnet/IP device on its own 127.0.0.x address, and a router whose remote network (2001) holds two
// more VAV boxes. `demo` mode starts it; tests and benchmarks start it on addresses of their own.
import { DemoBacnetDevice } from './demo-bacnet-device.js';
import { demoAhuController, demoBoilerController, demoVavController } from './demo-bacnet-objects.js';
import { DemoBacnetRouter } from './demo-bacnet-router.js';

export const DEMO_BACNET_REMOTE_NETWORK = 2001;

export interface DemoBacnetPlantOptions {
  /** Four loopback addresses: AHU, VAV, boiler, router (default 127.0.0.41-44). */
  hosts?: readonly string[];
  /** UDP port every device listens on (default 47808; 0 = a free port each). */
  port?: number;
}

export interface DemoBacnetPlantDevice {
  name: string;
  instance: number;
  /** "host:port" to probe (the router's address for routed devices). */
  address: string;
  host: string;
  port: number;
  network?: number;
  mac?: number;
}

export interface DemoBacnetPlant {
  devices: DemoBacnetPlantDevice[];
  /** Addresses a scope lists as its targets (each controller and the router). */
  targets: Array<{ host: string; port: number }>;
  controllers: DemoBacnetDevice[];
  router: DemoBacnetRouter;
  close(): void;
}

export const DEFAULT_DEMO_BACNET_HOSTS = ['127.0.0.41', '127.0.0.42', '127.0.0.43', '127.0.0.44'] as const;

export async function startDemoBacnetPlant(options: DemoBacnetPlantOptions = {}): Promise<DemoBacnetPlant> {
  const hosts = options.hosts ?? DEFAULT_DEMO_BACNET_HOSTS;
  for (const host of hosts) {
    if (!host.startsWith('127.')) throw new Error(`the demo BACnet plant runs on loopback only, not ${host}`);
  }
  const [ahuHost = '127.0.0.41', vavHost = '127.0.0.42', boilerHost = '127.0.0.43', routerHost = '127.0.0.44'] = hosts;
  const port = options.port ?? 47808;
  const started: Array<{ close(): void }> = [];
  try {
    const ahu = await DemoBacnetDevice.start({ host: ahuHost, port, spec: demoAhuController(1001) });
    started.push(ahu);
    const vav = await DemoBacnetDevice.start({ host: vavHost, port, spec: demoVavController(2001, 'VAV-L2-07') });
    started.push(vav);
    const boiler = await DemoBacnetDevice.start({ host: boilerHost, port, spec: demoBoilerController(3001) });
    started.push(boiler);
    const router = await DemoBacnetRouter.start({
      host: routerHost,
      port,
      network: DEMO_BACNET_REMOTE_NETWORK,
      devices: [
        { mac: 11, spec: demoVavController(20011, 'VAV-L3-01') },
        { mac: 12, spec: demoVavController(20012, 'VAV-L3-02') },
      ],
    });
    started.push(router);
    const controllers = [ahu, vav, boiler];
    const devices: DemoBacnetPlantDevice[] = [
      ...controllers.map((c) => ({ name: c.spec.name, instance: c.spec.instance, address: c.address, host: c.host, port: c.port })),
      ...router.devices.map((d) => ({ name: d.spec.name, instance: d.spec.instance, address: router.address, host: router.host, port: router.port, network: router.network, mac: d.mac })),
    ];
    const targets = [...controllers, router].map((d) => ({ host: d.host, port: d.port }));
    return { devices, targets, controllers, router, close: () => started.forEach((s) => s.close()) };
  } catch (error) {
    started.forEach((s) => s.close());
    throw error;
  }
}
